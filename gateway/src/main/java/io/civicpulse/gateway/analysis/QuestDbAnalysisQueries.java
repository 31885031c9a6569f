// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.TelemetrySchema;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link AnalysisQueries} in SQL on the embedded QuestDB: {@code LATEST ON} for the latest readings, {@code count()}
 * per device, {@code SAMPLE BY … ALIGN TO CALENDAR} (UTC) for buckets. Each query first waits until the table has
 * applied every acknowledged write; a table that does not exist answers empty.
 */
final class QuestDbAnalysisQueries implements AnalysisQueries {
    private final QuestDbSql sql;

    QuestDbAnalysisQueries(final QuestDbSql sql) {
        this.sql = sql;
    }

    @Override
    public Map<String, Latest> latest(final String type, final String field, final Instant before)
            throws TelemetryStoreException {
        final Map<String, Latest> latest = new HashMap<>();
        if (!sql.awaitTable(type)) {
            return latest;
        }
        if (field == null) {
            sql.query("SELECT device, timestamp FROM " + type + " WHERE timestamp < ? LATEST ON timestamp "
                    + "PARTITION BY device", List.of(before), r -> latest.put(r.getString(1),
                    new Latest(QuestDbSql.instant(r, "timestamp"), null)));
        } else {
            final String f = name(field);
            sql.query("SELECT device, " + f + ", timestamp FROM " + type + " WHERE " + f + " IS NOT NULL AND "
                    + "timestamp < ? LATEST ON timestamp PARTITION BY device", List.of(before), r -> latest.put(
                    r.getString(1), new Latest(QuestDbSql.instant(r, "timestamp"), r.getDouble(2))));
        }
        return latest;
    }

    @Override
    public Map<String, Long> readings(final String type, final Instant from, final Instant to)
            throws TelemetryStoreException {
        final Map<String, Long> counts = new HashMap<>();
        if (sql.awaitTable(type)) {
            sql.query("SELECT device, count() FROM " + type + " WHERE timestamp >= ? AND timestamp < ?",
                    List.of(from, to), r -> counts.put(r.getString(1), r.getLong(2)));
        }
        return counts;
    }

    @Override
    public List<Bucket> buckets(final BucketQuery q) throws TelemetryStoreException {
        if (!sql.awaitTable(q.type())) {
            return List.of();
        }
        final StringBuilder select = new StringBuilder("SELECT timestamp");
        final StringBuilder present = new StringBuilder();
        if (q.perDevice()) {
            select.append(", device");
        }
        for (final Aggregate a : q.aggregates()) {
            final String f = name(a.field());
            select.append(", ").append(function(a.fn())).append('(').append(f).append(')');
            present.append(present.isEmpty() ? "" : " OR ").append(f).append(" IS NOT NULL");
        }
        select.append(" FROM ").append(q.type()).append(" WHERE timestamp >= ? AND timestamp < ? AND (")
                .append(present).append(')').append(q.device() == null ? "" : " AND device = ?")
                .append(" SAMPLE BY ").append(sampleBy(q.length())).append(" ALIGN TO CALENDAR ORDER BY ")
                .append(q.perDevice() ? "device, timestamp" : "timestamp");
        final List<Object> params = new ArrayList<>(List.of(q.from(), q.to()));
        if (q.device() != null) {
            params.add(q.device());
        }
        final int first = q.perDevice() ? 3 : 2;
        final int n = q.aggregates().size();
        return sql.query(select.toString(), params, r -> {
            final List<Double> values = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                final double v = r.getDouble(first + i);
                values.add(r.wasNull() || Double.isNaN(v) ? null : v);
            }
            return new Bucket(q.perDevice() ? r.getString(2) : null, QuestDbSql.instant(r, "timestamp"),
                    java.util.Collections.unmodifiableList(values));
        });
    }

    /** Field names go into the SQL text: only validated names (never request text) may. */
    static String name(final String field) {
        if (!TelemetrySchema.isValidName(field)) {
            throw new IllegalArgumentException("not a field name: " + field);
        }
        return field;
    }

    private static String function(final Fn fn) {
        return switch (fn) {
            case MEAN -> "avg";
            case SUM -> "sum";
            case MAX -> "max";
        };
    }

    /** QuestDB's unit suffixes; {@code 10m} rather than {@code 600s} keeps the calendar alignment obvious. */
    static String sampleBy(final Duration length) {
        final long seconds = length.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    }
}
