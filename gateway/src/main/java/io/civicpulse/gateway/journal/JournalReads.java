// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Runs a journal query after the rows appended before it are written, so an API reader sees its own writes. */
public final class JournalReads {
    /** How long a query waits for queued rows at most; a slow database then answers with what it has. */
    static final Duration READ_YOUR_WRITES = Duration.ofSeconds(2);

    private JournalReads() {
    }

    /** Maps one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        /** @return the record of the current row */
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * @param writer  the writer whose queue is awaited
     * @param name    the journal's name, for the error
     * @param columns selected columns
     * @param table   the table
     * @param filter  the conditions
     * @param offset  rows skipped
     * @param limit   rows at most
     * @param mapper  row to record
     * @return the rows, newest first
     * @throws JournalException if the database cannot be read
     */
    public static <T> List<T> query(final JournalWriter writer, final String name, final String columns,
                                    final String table, final JournalSql.Filter filter, final int offset,
                                    final int limit, final RowMapper<T> mapper) {
        try {
            writer.awaitWritten(READ_YOUR_WRITES);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Connection c = writer.dataSource().getConnection();
             PreparedStatement ps = filter.prepare(c, columns, table, offset, limit);
             ResultSet rs = ps.executeQuery()) {
            final List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (final SQLException e) {
            throw new JournalException("the " + name + " log cannot be read from the issue database: "
                    + e.getMessage(), e);
        }
    }
}
