// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.engine.RuleParameters;

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

    private final QuestDbSql sql;
    private final RuleParameters rules;

    GateAnalysis(final QuestDbSql sql, final RuleParameters rules) {
        this.sql = sql;
        this.rules = rules;
    }

    /** @param device a gate id, or null for all gates */
    AnalysisTable trafficByHour(final Instant from, final Instant to, final String device)
            throws TelemetryStoreException {
        final long[] passes = new long[HOURS];
        final long[] hoursWithData = new long[HOURS];
        if (sql.awaitTable(TYPE)) {
            final List<Object> params = device == null ? List.of(from, to) : List.of(from, to, device);
            sql.query("SELECT timestamp, sum(passes) FROM " + TYPE + " WHERE timestamp >= ? AND timestamp < ?"
                    + (device == null ? "" : " AND device = ?") + " SAMPLE BY 1h ALIGN TO CALENDAR", params, r -> {
                        final int hour = QuestDbSql.instant(r, "timestamp").atZone(rules.zone()).getHour();
                        passes[hour] += r.getLong(2);
                        return hoursWithData[hour]++;
                    });
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
        if (sql.awaitTable(TYPE)) {
            sql.query("SELECT timestamp, device, max(door_open) open FROM " + TYPE + " WHERE timestamp >= ? AND "
                    + "timestamp < ? SAMPLE BY 1m ALIGN TO CALENDAR ORDER BY device, timestamp", List.of(from, to),
                    r -> {
                        final String gate = r.getString(2);
                        final long minute = QuestDbSql.instant(r, "timestamp").getEpochSecond() / 60;
                        final long[] totals = gates.computeIfAbsent(gate, k -> new long[4]);
                        final long[] current = run.computeIfAbsent(gate, k -> new long[] {Long.MIN_VALUE, 0});
                        if (r.getLong(3) != 1) {
                            return closeRun(totals, current, limitMinutes);
                        }
                        if (current[0] != minute - 1) {
                            closeRun(totals, current, limitMinutes);
                        }
                        current[0] = minute;
                        current[1]++;
                        totals[0]++;
                        return totals;
                    });
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
