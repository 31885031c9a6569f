// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps {@code SELECT *} rows of a device-type table to {@link StoredReading}s: the timestamp, {@code seq} (null as
 * {@link StoredReading#NO_SEQUENCE}) and every numeric non-tag column as a metric (a null is a metric that reading did
 * not carry). Learns the columns on the first row; one instance per query.
 */
final class StoredReadingMapper implements QuestDbSql.RowMapper<StoredReading> {
    private String[] names;
    private int sequenceColumn;

    @Override
    public StoredReading map(final ResultSet row) throws SQLException {
        if (names == null) {
            learnColumns(row.getMetaData());
        }
        final Instant timestamp = QuestDbSql.instant(row, TelemetrySchema.COLUMN_TIMESTAMP);
        long sequence = StoredReading.NO_SEQUENCE;
        if (sequenceColumn > 0) {
            sequence = row.getLong(sequenceColumn);
            if (row.wasNull()) {
                sequence = StoredReading.NO_SEQUENCE;
            }
        }
        final Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 1; i < names.length; i++) {
            // Only numeric columns are metrics; tags and the timestamp are not.
            if (!TelemetrySchema.RESERVED_NAMES.contains(names[i]) && row.getObject(i) instanceof Number value) {
                metrics.put(names[i], value.doubleValue());
            }
        }
        return new StoredReading(timestamp, sequence, metrics);
    }

    private void learnColumns(final ResultSetMetaData meta) throws SQLException {
        final String[] columns = new String[meta.getColumnCount() + 1];
        boolean timestamp = false;
        for (int i = 1; i < columns.length; i++) {
            columns[i] = meta.getColumnName(i);
            timestamp |= TelemetrySchema.COLUMN_TIMESTAMP.equals(columns[i]);
            if (TelemetrySchema.FIELD_SEQUENCE.equals(columns[i])) {
                sequenceColumn = i;
            }
        }
        if (!timestamp) {
            throw new SQLException("the table has no column " + TelemetrySchema.COLUMN_TIMESTAMP);
        }
        names = columns;
    }
}
