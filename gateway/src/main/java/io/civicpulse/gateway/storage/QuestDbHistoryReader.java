// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads device history from QuestDB over the PostgreSQL wire protocol with one reused JDBC connection.
 *
 * <p>Thread-safe: queries are serialised on the connection (history is an operator query, not a hot path). A
 * connection that failed is dropped and the next query opens a new one. Timestamps cross the wire as
 * {@code timestamp without time zone} in UTC and are bound and read as {@link LocalDateTime} in UTC, so the JVM's
 * default time zone never shifts them.
 */
final class QuestDbHistoryReader implements AutoCloseable {
    /** Latest instant bound as a query limit; later bounds are clamped to it. */
    private static final Instant MAX_BOUND = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final String url;
    private final Properties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;

    /**
     * @param pgPort   QuestDB's PostgreSQL wire port on 127.0.0.1
     * @param user     database user
     * @param password database password
     */
    QuestDbHistoryReader(final int pgPort, final String user, final String password) {
        this.url = "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
        this.properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("ApplicationName", "civicpulse-gateway");
    }

    /**
     * @param table  a table name already checked with {@link TelemetrySchema#requireValidDeviceType}
     * @return rows of the device with {@code from <= timestamp < to}, ascending, at most {@code limit}
     * @throws SQLException if the query fails (including a table that does not exist)
     */
    List<StoredReading> read(final String table, final String deviceId, final Instant from, final Instant to,
                             final int limit) throws SQLException {
        final String sql = "SELECT * FROM \"" + table + "\" WHERE \"" + TelemetrySchema.TAG_DEVICE + "\" = ? AND \""
                + TelemetrySchema.COLUMN_TIMESTAMP + "\" >= ? AND \"" + TelemetrySchema.COLUMN_TIMESTAMP
                + "\" < ? ORDER BY \"" + TelemetrySchema.COLUMN_TIMESTAMP + "\" LIMIT ?";
        lock.lock();
        try {
            final Connection c = connection();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                statement.setString(1, deviceId);
                statement.setObject(2, utc(from));
                statement.setObject(3, utc(to));
                statement.setInt(4, limit);
                try (ResultSet rows = statement.executeQuery()) {
                    return map(rows);
                }
            } catch (final SQLException e) {
                dropConnection();
                throw e;
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            dropConnection();
        } finally {
            lock.unlock();
        }
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("history reader is closed");
        }
        if (connection == null) {
            connection = DriverManager.getConnection(url, properties);
        }
        return connection;
    }

    private void dropConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (final SQLException ignored) {
                // The connection is already unusable; a new one is opened on the next query.
            }
            connection = null;
        }
    }

    private static List<StoredReading> map(final ResultSet rows) throws SQLException {
        final ResultSetMetaData meta = rows.getMetaData();
        final int columns = meta.getColumnCount();
        final String[] names = new String[columns + 1];
        int timestampColumn = 0;
        int sequenceColumn = 0;
        for (int i = 1; i <= columns; i++) {
            names[i] = meta.getColumnName(i);
            if (TelemetrySchema.COLUMN_TIMESTAMP.equals(names[i])) {
                timestampColumn = i;
            } else if (TelemetrySchema.FIELD_SEQUENCE.equals(names[i])) {
                sequenceColumn = i;
            }
        }
        if (timestampColumn == 0) {
            throw new SQLException("the table has no column " + TelemetrySchema.COLUMN_TIMESTAMP);
        }
        final List<StoredReading> result = new ArrayList<>();
        while (rows.next()) {
            final Instant timestamp = rows.getObject(timestampColumn, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            long sequence = StoredReading.NO_SEQUENCE;
            if (sequenceColumn > 0) {
                sequence = rows.getLong(sequenceColumn);
                if (rows.wasNull()) {
                    sequence = StoredReading.NO_SEQUENCE;
                }
            }
            result.add(new StoredReading(timestamp, sequence, metrics(rows, names)));
        }
        return result;
    }

    private static Map<String, Double> metrics(final ResultSet rows, final String[] names) throws SQLException {
        final Map<String, Double> metrics = new LinkedHashMap<>();
        for (int i = 1; i < names.length; i++) {
            if (TelemetrySchema.RESERVED_NAMES.contains(names[i])) {
                continue;
            }
            // Only numeric columns are metrics; a null is a metric this reading did not carry.
            if (rows.getObject(i) instanceof Number value) {
                metrics.put(names[i], value.doubleValue());
            }
        }
        return metrics;
    }

    private static LocalDateTime utc(final Instant instant) {
        final Instant clamped = instant.isBefore(Instant.EPOCH) ? Instant.EPOCH
                : instant.isAfter(MAX_BOUND) ? MAX_BOUND : instant;
        return LocalDateTime.ofInstant(clamped, ZoneOffset.UTC);
    }
}
