// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One table of the operations journal: how a batch of its rows is inserted and which column dates a row (for
 * retention). Implementations are called on the {@link JournalWriter}'s thread only.
 *
 * @param <T> the row type
 */
public interface JournalTable<T> {
    /** @return a short name for metrics and logs ({@code suppressed}, {@code shadow}, {@code deliveries}) */
    String name();

    /** @return the SQL table name */
    String table();

    /** @return the TIMESTAMP column (UTC) that dates a row; rows older than the retention are deleted by it */
    String timeColumn();

    /**
     * Inserts rows in the caller's transaction.
     *
     * @param connection an open connection with autocommit off
     * @param rows       at least one row, in arrival order
     * @throws SQLException if the insert fails; the caller rolls back and retries the batch
     */
    void insert(Connection connection, List<T> rows) throws SQLException;
}
