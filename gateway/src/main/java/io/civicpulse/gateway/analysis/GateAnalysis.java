// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.analysis.AnalysisQueries.Aggregate;
import io.civicpulse.gateway.analysis.AnalysisQueries.Bucket;
import io.civicpulse.gateway.analysis.AnalysisQueries.BucketQuery;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.engine.RuleParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Gates: traffic ({@code passes}) per hour of day in the community's time zone (hourly sums, so zones with a
 * non-whole-hour offset are off by the fraction), and held-open minutes per gate from 1-minute buckets of
 * {@code max(door_open)}: a run of consecutive open minutes longer than {@code rules.gate.heldOpenFor} contributes
 * its minutes beyond that limit; a minute without readings ends a run.
 */
final class GateAnalysis {
    static final String TYPE = "gate";
    private static final int HOURS = 24;

    private static final Aggregate PASSES = new Aggregate("passes", AnalysisQueries.Fn.SUM);
    private static final Aggregate DOOR_OPEN = new Aggregate("door_open", AnalysisQueries.Fn.MAX);

    private final AnalysisQueries queries;
    private final RuleParameters rules;

    GateAnalysis(final AnalysisQueries queries, final RuleParameters rules) {
        this.queries = queries;
        this.rules = rules;
    }

    /** @param device a gate id, or null for all gates */
    AnalysisTable trafficByHour(final Instant from, final Instant to, final String device)
            throws TelemetryStoreException {
        final long[] passes = new long[HOURS];
        final long[] hoursWithData = new long[HOURS];
        for (final Bucket b : queries.buckets(new BucketQuery(TYPE, List.of(PASSES), from, to, Duration.ofHours(1),
                device, false))) {
            final int hour = b.start().atZone(rules.zone()).getHour();
            passes[hour] += b.value(0) == null ? 0 : Math.round(b.value(0));
            hoursWithData[hour]++;
        }
        final List<List<Object>> rows = new ArrayList<>();
        for (int h = 0; h < HOURS; h++) {
            rows.add(List.of(h, passes[h], hoursWithData[h] == 0 ? 0.0
                    : Math.round(10.0 * passes[h] / hoursWithData[h]) / 10.0));
        }
        return new AnalysisTable(List.of("hour_of_day", "passes", "mean_passes_per_hour"), rows);
    }

    AnalysisTable heldOpen(final Instant from, final Instant to) throws TelemetryStoreException {
        final long limitMinutes = rules.gateHeldOpenMillis() / 60_000L;
        final Map<String, long[]> gates = new TreeMap<>();
        final Map<String, long[]> run = new TreeMap<>();
        for (final Bucket b : queries.buckets(new BucketQuery(TYPE, List.of(DOOR_OPEN), from, to,
                Duration.ofMinutes(1), null, true))) {
            final long minute = b.start().getEpochSecond() / 60;
            final long[] totals = gates.computeIfAbsent(b.device(), k -> new long[4]);
            final long[] current = run.computeIfAbsent(b.device(), k -> new long[] {Long.MIN_VALUE, 0});
            if (b.value(0) == null || b.value(0) != 1.0) {
                closeRun(totals, current, limitMinutes);
                continue;
            }
            if (current[0] != minute - 1) {
                closeRun(totals, current, limitMinutes);
            }
            current[0] = minute;
            current[1]++;
            totals[0]++;
        }
        final List<List<Object>> rows = new ArrayList<>();
        gates.forEach((gate, totals) -> {
            closeRun(totals, run.get(gate), limitMinutes);
            rows.add(List.of(gate, totals[0], totals[1], totals[2], totals[3]));
        });
        return new AnalysisTable(List.of("device", "open_minutes", "held_open_minutes", "held_open_episodes",
                "longest_open_minutes"), rows);
    }

    /** totals: open, held-open beyond the limit, episodes, longest; run: last open minute, length. */
    private static long[] closeRun(final long[] totals, final long[] run, final long limitMinutes) {
        if (run[1] > limitMinutes) {
            totals[1] += run[1] - limitMinutes;
            totals[2]++;
        }
        totals[3] = Math.max(totals[3], run[1]);
        run[0] = Long.MIN_VALUE;
        run[1] = 0;
        return totals;
    }
}
