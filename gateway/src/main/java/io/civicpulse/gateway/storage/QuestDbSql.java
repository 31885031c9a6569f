// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Read-only SQL on the embedded QuestDB over the PostgreSQL wire protocol, for device history, the analysis API and
 * the retention job (the store's one SQL path): it waits until the named tables have applied every acknowledged
 * write, then runs one query on a reused connection. {@link Instant} parameters are bound as UTC
 * {@link LocalDateTime} (QuestDB timestamps carry no zone), and {@link #instant} reads them back the same way.
 *
 * <p>Thread-safe: queries are serialised on the one connection (operator queries, not a hot path); a connection that
 * failed is dropped and the next query opens a new one.
 */
public final class QuestDbSql implements AutoCloseable {
    /** Maps the current row; must not call {@link ResultSet#next()}. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /**
         * @param row the result set on the current row
         * @return the mapped row
         * @throws SQLException if a column cannot be read
         */
        T map(ResultSet row) throws SQLException;
    }

    private static final Duration VISIBILITY_TIMEOUT = Duration.ofSeconds(10);
    private static final Instant MAX_BOUND = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final EmbeddedQuestDb questDb;
    private final String url;
    private final Properties properties = new Properties();
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;

    QuestDbSql(final EmbeddedQuestDb questDb) {
        this.questDb = questDb;
        this.url = "jdbc:postgresql://127.0.0.1:" + questDb.pgPort() + "/qdb";
        properties.setProperty("user", "admin");
        properties.setProperty("password", "quest");
        properties.setProperty("sslmode", "disable");
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "120");
        properties.setProperty("ApplicationName", "civicpulse-analysis");
    }

    /**
     * @param table a table name already checked with {@link TelemetrySchema#requireValidDeviceType}
     * @return true when the table exists; then every write acknowledged before this call is visible to queries
     * @throws TelemetryStoreException if the table did not apply its writes in time
     */
    public boolean awaitTable(final String table) throws TelemetryStoreException {
        return questDb.awaitApplied(TelemetrySchema.requireValidDeviceType(table), VISIBILITY_TIMEOUT);
    }

    /**
     * Runs a query. Table and column names in {@code sql} must come from validated names, never from a request.
     *
     * @param sql    the query with {@code ?} placeholders
     * @param params the values, bound in order ({@link Instant}s as UTC timestamps)
     * @param mapper maps each row
     * @return the rows, never null
     * @throws TelemetryStoreException if QuestDB refuses or fails the query
     */
    public <T> List<T> query(final String sql, final List<?> params, final RowMapper<T> mapper)
            throws TelemetryStoreException {
        Objects.requireNonNull(sql, "sql must not be null.");
        lock.lock();
        try {
            final Connection c = connection();
            try (PreparedStatement statement = c.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    final Object p = params.get(i);
                    statement.setObject(i + 1, p instanceof Instant instant ? utc(instant) : p);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    final List<T> result = new ArrayList<>();
                    while (rows.next()) {
                        result.add(mapper.map(rows));
                    }
                    return result;
                }
            } catch (final SQLException e) {
                dropConnection();
                throw e;
            }
        } catch (final SQLException e) {
            throw new TelemetryStoreException("QuestDB query failed: " + e.getMessage() + " [" + sql + "]", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs a statement inside QuestDB (DDL, {@code INSERT ... SELECT}, {@code ALTER TABLE ... DROP PARTITION}).
     *
     * @param sql the statement, built from validated names only
     * @throws TelemetryStoreException if QuestDB refuses it
     */
    public void execute(final String sql) throws TelemetryStoreException {
        questDb.execute(sql);
    }

    /**
     * @param row    a result set on a row
     * @param column a TIMESTAMP column
     * @return its value as an instant, or null
     * @throws SQLException if it cannot be read
     */
    public static Instant instant(final ResultSet row, final String column) throws SQLException {
        final LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
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
            throw new SQLException("the QuestDB query connection is closed");
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
                // Already unusable; the next query opens a new one.
            }
            connection = null;
        }
    }

    private static LocalDateTime utc(final Instant instant) {
        final Instant clamped = instant.isBefore(Instant.EPOCH) ? Instant.EPOCH
                : instant.isAfter(MAX_BOUND) ? MAX_BOUND : instant;
        return LocalDateTime.ofInstant(clamped, ZoneOffset.UTC);
    }
}
