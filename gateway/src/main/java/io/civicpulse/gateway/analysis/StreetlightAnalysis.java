// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.analysis.AnalysisQueries.Aggregate;
import io.civicpulse.gateway.analysis.AnalysisQueries.Bucket;
import io.civicpulse.gateway.analysis.AnalysisQueries.BucketQuery;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.engine.RuleParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streetlights over a range, from per-lamp buckets (1 minute for ranges up to 2 days, else 10 minutes) of mean lamp
 * current and power: a bucket is lit when the mean current exceeds {@code rules.streetlight.darkCurrentAmps}; burn
 * hours count lit buckets, energy integrates mean power over buckets with data, dark minutes are unlit buckets inside
 * the scheduled on-window ({@code rules.streetlight.onWindow}, community time zone), daytime burning is lit buckets
 * outside it. Buckets without readings count as nothing (not dark, not lit).
 */
final class StreetlightAnalysis {
    static final String TYPE = "streetlight";
    private static final Duration LONG_RANGE = Duration.ofDays(2);

    private static final List<Aggregate> CURRENT_AND_POWER = List.of(new Aggregate("lamp_current_a",
            AnalysisQueries.Fn.MEAN), new Aggregate("power_w", AnalysisQueries.Fn.MEAN));

    private final AnalysisQueries queries;
    private final RuleParameters rules;

    StreetlightAnalysis(final AnalysisQueries queries, final RuleParameters rules) {
        this.queries = queries;
        this.rules = rules;
    }

    /** Totals of one lamp. */
    static final class Lamp {
        private double burnMinutes;
        private double darkMinutes;
        private double daytimeMinutes;
        private double energyWh;
        private double dataMinutes;
    }

    static Duration bucketFor(final Instant from, final Instant to) {
        return Duration.between(from, to).compareTo(LONG_RANGE) <= 0 ? Duration.ofMinutes(1) : Duration.ofMinutes(10);
    }

    Map<String, Lamp> lamps(final Instant from, final Instant to) throws TelemetryStoreException {
        final Map<String, Lamp> lamps = new TreeMap<>();
        final Duration bucket = bucketFor(from, to);
        final double minutes = bucket.toMinutes();
        for (final Bucket b : queries.buckets(new BucketQuery(TYPE, CURRENT_AND_POWER, from, to, bucket, null,
                true))) {
            final Lamp lamp = lamps.computeIfAbsent(b.device(), k -> new Lamp());
            final Double current = b.value(0);
            final Double power = b.value(1);
            if (power != null) {
                lamp.energyWh += power * minutes / 60.0;
            }
            if (current != null) {
                lamp.dataMinutes += minutes;
                final boolean lit = current > rules.lampDarkCurrentAmps();
                final boolean scheduled = rules.lampScheduledOn(b.start().toEpochMilli());
                lamp.burnMinutes += lit ? minutes : 0;
                lamp.darkMinutes += scheduled && !lit ? minutes : 0;
                lamp.daytimeMinutes += !scheduled && lit ? minutes : 0;
            }
        }
        return lamps;
    }

    static AnalysisTable lampTable(final Map<String, Lamp> lamps, final Map<String, Device> devices,
                                   final boolean daytimeOnly) {
        final List<List<Object>> rows = new ArrayList<>();
        lamps.forEach((id, l) -> {
            if (!daytimeOnly || l.daytimeMinutes > 0) {
                final Device d = devices.get(id);
                rows.add(java.util.Arrays.asList(id, d == null ? "" : d.segment(), d == null ? "" : d.area(),
                        round(l.burnMinutes / 60.0), round(l.energyWh / 1000.0), l.darkMinutes, l.daytimeMinutes,
                        l.dataMinutes));
            }
        });
        return new AnalysisTable(List.of("device", "segment", "area", "burn_hours", "energy_kwh", "dark_minutes",
                "daytime_burn_minutes", "minutes_with_data"), rows);
    }

    static AnalysisTable segmentTable(final Map<String, Lamp> lamps, final Map<String, Device> devices) {
        final Map<String, double[]> segments = new LinkedHashMap<>();
        lamps.forEach((id, l) -> {
            final Device d = devices.get(id);
            final String segment = d == null || d.segment().isEmpty() ? "(none)" : d.segment();
            final double[] s = segments.computeIfAbsent(segment, k -> new double[4]);
            s[0]++;
            s[1] += l.darkMinutes;
            s[2] += l.daytimeMinutes;
            s[3] += l.energyWh;
        });
        final List<List<Object>> rows = new ArrayList<>();
        new TreeMap<>(segments).forEach((segment, s) -> rows.add(List.of(segment, (long) s[0], s[1], s[2],
                round(s[3] / 1000.0))));
        return new AnalysisTable(List.of("segment", "lamps", "dark_minutes", "daytime_burn_minutes", "energy_kwh"),
                rows);
    }

    private static double round(final double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
