// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The part of a history older than the raw rows retention kept, from the hourly aggregates ({@code <type>_hourly}):
 * min of the hourly minima, max of the maxima, and the mean of the hourly means weighted by the readings of each hour
 * (exact when every reading carries the metric). Used only for buckets of an hour or more.
 */
final class HourlyHistory {
    private final QuestDbSql sql;

    HourlyHistory(final QuestDbSql sql) {
        this.sql = sql;
    }

    /**
     * @return where raw rows start (the hour of the oldest raw row) when the range starts before it and the hourly
     *     table has every metric; otherwise null (answer from raw rows only)
     */
    Instant splitPoint(final String table, final List<String> metrics, final Instant from, final Duration bucket)
            throws TelemetryStoreException {
        final String hourly = table + "_hourly";
        if (bucket.compareTo(Duration.ofHours(1)) < 0 || !sql.awaitTable(hourly)) {
            return null;
        }
        final List<Instant> oldest = sql.query("SELECT min(timestamp) ts FROM " + table, List.of(),
                r -> QuestDbSql.instant(r, "ts"));
        final Instant rawStart = oldest.isEmpty() || oldest.get(0) == null ? null
                : oldest.get(0).truncatedTo(ChronoUnit.HOURS);
        if (rawStart == null || !from.isBefore(rawStart)) {
            return null;
        }
        final Set<String> columns = new HashSet<>(sql.query("SELECT \"column\" FROM table_columns('" + hourly + "')",
                List.of(), r -> r.getString(1)));
        for (final String m : metrics) {
            if (!columns.contains(m + "_min") || !columns.contains(m + "_max") || !columns.contains(m + "_avg")) {
                return null;
            }
        }
        return rawStart;
    }

    /** Rows shaped like {@link HistoryAnalysis}'s: bucket, readings, then min, max, mean per metric. */
    List<List<Object>> rows(final String table, final List<String> metrics, final String device, final Instant from,
                            final Instant to, final Duration bucket) throws TelemetryStoreException {
        final StringBuilder select = new StringBuilder("SELECT timestamp, sum(readings)");
        for (final String m : metrics) {
            select.append(", min(").append(m).append("_min), max(").append(m).append("_max), sum(").append(m)
                    .append("_avg * readings) / sum(readings)");
        }
        select.append(" FROM ").append(table).append("_hourly WHERE device = ? AND timestamp >= ? AND timestamp < ?")
                .append(" SAMPLE BY ").append(bucket.toSeconds()).append("s ALIGN TO CALENDAR ORDER BY timestamp");
        final int width = 2 + 3 * metrics.size();
        return sql.query(select.toString(), List.of(device, from, to), r -> HistoryAnalysis.row(r, width));
    }

    /** Joins hourly and raw rows; a bucket in both (the split falls inside it) is combined, weighted by readings. */
    static List<List<Object>> merge(final List<List<Object>> older, final List<List<Object>> newer) {
        final Map<Instant, List<Object>> byBucket = new TreeMap<>();
        for (final List<Object> row : older) {
            byBucket.put((Instant) row.get(0), row);
        }
        for (final List<Object> row : newer) {
            byBucket.merge((Instant) row.get(0), row, HourlyHistory::combine);
        }
        return new ArrayList<>(byBucket.values());
    }

    private static List<Object> combine(final List<Object> a, final List<Object> b) {
        final long na = (Long) a.get(1);
        final long nb = (Long) b.get(1);
        final List<Object> row = new ArrayList<>(List.of(a.get(0), na + nb));
        for (int i = 2; i < a.size(); i += 3) {
            row.add(pick(a.get(i), b.get(i), Math::min));
            row.add(pick(a.get(i + 1), b.get(i + 1), Math::max));
            final Double ma = (Double) a.get(i + 2);
            final Double mb = (Double) b.get(i + 2);
            row.add(ma == null ? mb : mb == null ? ma : (ma * na + mb * nb) / (na + nb));
        }
        return row;
    }

    private static Object pick(final Object a, final Object b, final java.util.function.DoubleBinaryOperator op) {
        if (a == null) {
            return b;
        }
        return b == null ? a : op.applyAsDouble((Double) a, (Double) b);
    }
}
