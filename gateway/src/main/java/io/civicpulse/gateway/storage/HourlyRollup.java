// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hourly aggregates of the embedded store: for a device-type table {@code T}, the table {@code T_hourly} holds one
 * row per device and hour (designated timestamp = the hour's start, UTC) with the tags, {@code readings} (rows in
 * the hour) and, for every metric column {@code m}, {@code m_min}, {@code m_max}, {@code m_avg} and {@code m_sum}
 * (DOUBLE; sums make counters such as {@code passes} add up). Partitioned by month, deduplicated on
 * (timestamp, device), so recomputing an hour replaces its rows: each run recomputes from two hours before the last
 * rolled-up hour, which takes in readings that arrived late (spool replay). Not thread-safe: used by the retention
 * thread only.
 */
final class HourlyRollup {
    static final String SUFFIX = "_hourly";
    private static final Duration RECOMPUTE = Duration.ofHours(2);
    private static final List<String> TAGS = List.of(TelemetrySchema.TAG_AREA, TelemetrySchema.TAG_COMMUNITY,
            TelemetrySchema.TAG_DEVICE, TelemetrySchema.TAG_TYPE);
    private static final List<String> AGGREGATES = List.of("min", "max", "avg", "sum");

    private final QuestDbSql sql;

    HourlyRollup(final QuestDbSql sql) {
        this.sql = sql;
    }

    static String hourlyTable(final String table) {
        return table + SUFFIX;
    }

    /** @return the device-type tables (every table with a valid name that is not an hourly table) */
    List<String> rawTables() throws TelemetryStoreException {
        final List<String> names = sql.query("SELECT table_name FROM tables()", List.of(), r -> r.getString(1));
        final List<String> raw = new ArrayList<>();
        for (final String name : names) {
            if (TelemetrySchema.isValidName(name) && !name.endsWith(SUFFIX)) {
                raw.add(name);
            }
        }
        return raw;
    }

    /**
     * Rolls every finished hour before {@code until} up into the hourly table.
     *
     * @param table a device-type table
     * @param until start of the current hour: later readings are left for the next run
     * @return hourly rows written
     * @throws TelemetryStoreException if QuestDB refuses a statement
     */
    long rollUp(final String table, final Instant until) throws TelemetryStoreException {
        if (!sql.awaitTable(table)) {
            return 0;
        }
        final List<String> metrics = metricColumns(table);
        final String hourly = hourlyTable(table);
        ensureHourlyTable(hourly, metrics);
        final Instant from = rollUpFrom(table, hourly);
        if (from == null || !from.isBefore(until)) {
            return 0;
        }
        final StringBuilder columns = new StringBuilder("timestamp, ").append(String.join(", ", TAGS))
                .append(", readings");
        final StringBuilder select = new StringBuilder("timestamp, ").append(String.join(", ", TAGS))
                .append(", count()");
        for (final String m : metrics) {
            for (final String agg : AGGREGATES) {
                columns.append(", ").append(m).append('_').append(agg);
                select.append(", ").append(agg).append('(').append(m).append(')');
            }
        }
        sql.execute("INSERT INTO " + hourly + " (" + columns + ") SELECT " + select + " FROM " + table
                + " WHERE timestamp >= '" + from + "' AND timestamp < '" + until + "' SAMPLE BY 1h ALIGN TO CALENDAR");
        sql.awaitTable(hourly);
        final List<Long> rows = sql.query("SELECT count() FROM " + hourly + " WHERE timestamp >= ? AND timestamp < ?",
                List.of(from, until), r -> r.getLong(1));
        return rows.isEmpty() ? 0 : rows.get(0);
    }

    private Instant rollUpFrom(final String table, final String hourly) throws TelemetryStoreException {
        sql.awaitTable(hourly);
        final Instant lastHour = single(sql.query("SELECT max(timestamp) ts FROM " + hourly, List.of(),
                r -> QuestDbSql.instant(r, "ts")));
        if (lastHour != null) {
            return lastHour.minus(RECOMPUTE);
        }
        final Instant first = single(sql.query("SELECT min(timestamp) ts FROM " + table, List.of(),
                r -> QuestDbSql.instant(r, "ts")));
        return first == null ? null : first.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }

    /** QuestDB answers an aggregate over an empty table with no row at all. */
    private static Instant single(final List<Instant> rows) {
        return rows.isEmpty() ? null : rows.get(0);
    }

    private List<String> metricColumns(final String table) throws TelemetryStoreException {
        final List<String> metrics = new ArrayList<>();
        sql.query("SELECT \"column\", type FROM table_columns('" + table + "')", List.of(), r -> {
            final String name = r.getString(1);
            final String type = r.getString(2);
            if (("DOUBLE".equals(type) || "LONG".equals(type) || "INT".equals(type))
                    && !TelemetrySchema.RESERVED_NAMES.contains(name) && TelemetrySchema.isValidName(name)) {
                metrics.add(name);
            }
            return name;
        });
        return metrics;
    }

    private void ensureHourlyTable(final String hourly, final List<String> metrics) throws TelemetryStoreException {
        final StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(hourly).append(" (");
        for (final String tag : TAGS) {
            ddl.append(tag).append(" SYMBOL, ");
        }
        ddl.append("readings LONG, timestamp TIMESTAMP) TIMESTAMP(timestamp) PARTITION BY MONTH WAL")
                .append(" DEDUP UPSERT KEYS(timestamp, ").append(TelemetrySchema.TAG_DEVICE).append(')');
        sql.execute(ddl.toString());
        for (final String m : metrics) {
            for (final String agg : AGGREGATES) {
                sql.execute("ALTER TABLE " + hourly + " ADD COLUMN IF NOT EXISTS " + m + "_" + agg + " DOUBLE");
            }
        }
    }
}
