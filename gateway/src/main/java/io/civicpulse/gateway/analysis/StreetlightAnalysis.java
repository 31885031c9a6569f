// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.QuestDbSql;
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

    private final QuestDbSql sql;
    private final RuleParameters rules;

    StreetlightAnalysis(final QuestDbSql sql, final RuleParameters rules) {
        this.sql = sql;
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
        if (!sql.awaitTable(TYPE)) {
            return lamps;
        }
        final Duration bucket = bucketFor(from, to);
        final double minutes = bucket.toMinutes();
        sql.query("SELECT timestamp, device, avg(lamp_current_a) current, avg(power_w) power FROM " + TYPE
                + " WHERE timestamp >= ? AND timestamp < ? SAMPLE BY " + bucket.toMinutes() + "m ALIGN TO CALENDAR",
                List.of(from, to), r -> {
                    final Lamp lamp = lamps.computeIfAbsent(r.getString(2), k -> new Lamp());
                    final double current = r.getDouble(3);
                    final boolean hasCurrent = !r.wasNull() && !Double.isNaN(current);
                    final double power = r.getDouble(4);
                    if (!r.wasNull() && !Double.isNaN(power)) {
                        lamp.energyWh += power * minutes / 60.0;
                    }
                    if (hasCurrent) {
                        lamp.dataMinutes += minutes;
                        final boolean lit = current > rules.lampDarkCurrentAmps();
                        final boolean scheduled = rules.lampScheduledOn(
                                QuestDbSql.instant(r, "timestamp").toEpochMilli());
                        lamp.burnMinutes += lit ? minutes : 0;
                        lamp.darkMinutes += scheduled && !lit ? minutes : 0;
                        lamp.daytimeMinutes += !scheduled && lit ? minutes : 0;
                    }
                    return lamp;
                });
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
