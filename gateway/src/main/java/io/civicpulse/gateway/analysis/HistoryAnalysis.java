// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.TelemetrySchema;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's history downsampled for the range: the bucket is the smallest of {@link #STEPS} that gives at most
 * {@code points} buckets, and each bucket holds min, max and mean of every metric (QuestDB {@code SAMPLE BY}, aligned
 * to the calendar in UTC). Buckets without readings are left out. For buckets of an hour or more, the part of the
 * range older than the raw rows comes from the hourly aggregates ({@link HourlyHistory}).
 */
final class HistoryAnalysis implements DeviceHistory {
    /** Bucket sizes, smallest first. */
    static final List<Duration> STEPS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1),
            Duration.ofDays(7));

    private final QuestDbSql sql;
    private final HourlyHistory hourly;

    HistoryAnalysis(final QuestDbSql sql) {
        this.sql = sql;
        this.hourly = new HourlyHistory(sql);
    }

    /** @return the bucket for the range: the smallest step giving at most {@code points} buckets */
    static Duration bucketFor(final Instant from, final Instant to, final int points) {
        final long rangeMillis = Duration.between(from, to).toMillis();
        for (final Duration step : STEPS) {
            if (rangeMillis / step.toMillis() <= points) {
                return step;
            }
        }
        return STEPS.get(STEPS.size() - 1);
    }

    @Override
    public AnalysisTable history(final Device device, final Instant from, final Instant to, final Duration bucket)
            throws TelemetryStoreException {
        final String table = TelemetrySchema.requireValidDeviceType(device.type());
        final List<String> columns = new ArrayList<>(List.of("bucket", "readings"));
        if (!sql.awaitTable(table)) {
            return new AnalysisTable(columns, List.of());
        }
        final List<String> metrics = metricColumns(table);
        final StringBuilder select = new StringBuilder("SELECT timestamp, count()");
        for (final String m : metrics) {
            select.append(", min(").append(m).append("), max(").append(m).append("), avg(").append(m).append(')');
            columns.addAll(List.of(m + "_min", m + "_max", m + "_mean"));
        }
        select.append(" FROM ").append(table).append(" WHERE device = ? AND timestamp >= ? AND timestamp < ?")
                .append(" SAMPLE BY ").append(bucket.toSeconds()).append("s ALIGN TO CALENDAR ORDER BY timestamp");
        final int width = columns.size();
        // Past the raw retention, the older part of a long range comes from the hourly aggregates.
        final Instant split = hourly.splitPoint(table, metrics, from, bucket);
        final Instant rawFrom = split == null ? from : split;
        final List<List<Object>> raw = sql.query(select.toString(), List.of(device.id(), rawFrom, to),
                r -> row(r, width));
        if (split == null) {
            return new AnalysisTable(columns, raw);
        }
        final List<List<Object>> older = hourly.rows(table, metrics, device.id(), from, split, bucket);
        return new AnalysisTable(columns, HourlyHistory.merge(older, raw));
    }

    /** @return bucket, readings (long), then doubles (null where the bucket had none) from the current row */
    static List<Object> row(final ResultSet r, final int width) throws SQLException {
        final List<Object> row = new ArrayList<>(width);
        row.add(QuestDbSql.instant(r, "timestamp"));
        row.add(r.getLong(2));
        for (int i = 3; i <= width; i++) {
            final double v = r.getDouble(i);
            row.add(r.wasNull() || Double.isNaN(v) ? null : v);
        }
        return row;
    }

    private List<String> metricColumns(final String table) throws TelemetryStoreException {
        final List<String> metrics = new ArrayList<>();
        sql.query("SELECT \"column\", type FROM table_columns('" + table + "')", List.of(), r -> {
            final String name = r.getString(1);
            final String type = r.getString(2);
            if (("DOUBLE".equals(type) || "LONG".equals(type)) && !TelemetrySchema.RESERVED_NAMES.contains(name)) {
                metrics.add(name);
            }
            return name;
        });
        return metrics;
    }
}
