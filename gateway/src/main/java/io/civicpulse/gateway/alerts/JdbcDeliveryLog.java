// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import io.civicpulse.gateway.journal.JournalReads;
import io.civicpulse.gateway.journal.JournalSql;
import io.civicpulse.gateway.journal.JournalTable;
import io.civicpulse.gateway.journal.JournalWriter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The webhook delivery log in the issue database (table {@code webhook_deliveries}, migration V4), written through
 * the {@link JournalWriter} so no HTTP client or alert thread waits for the database. Thread-safe.
 */
public final class JdbcDeliveryLog implements DeliveryLog, JournalTable<DeliveryLog.Attempt> {
    private static final String TABLE = "webhook_deliveries";
    private static final String INSERTED = "at, alert_id, body_id, url, attempt, reminder, outcome, http_status, "
            + "error, next_attempt";
    private final JournalWriter writer;

    /** @param writer the journal writer (registers this table for the retention) */
    public JdbcDeliveryLog(final JournalWriter writer) {
        this.writer = Objects.requireNonNull(writer, "writer must not be null.");
        writer.register(this);
    }

    @Override
    public void record(final Attempt attempt) {
        writer.append(this, attempt);
    }

    @Override
    public List<Attempt> query(final Query q) {
        final JournalSql.Filter filter = new JournalSql.Filter("at").since(q.since()).until(q.until())
                .eq("body_id", q.bodyId()).eq("alert_id", q.alertId())
                .eq("outcome", q.outcome() == null ? null : q.outcome().name());
        return JournalReads.query(writer, name(), "id, " + INSERTED, TABLE, filter, q.offset(), q.limit(),
                rs -> new Attempt(JournalSql.instant(rs, "at"), rs.getString("alert_id"), rs.getString("body_id"),
                        rs.getString("url"), rs.getInt("attempt"), rs.getInt("reminder"),
                        Outcome.valueOf(rs.getString("outcome")), rs.getInt("http_status"), rs.getString("error"),
                        JournalSql.instant(rs, "next_attempt")));
    }

    @Override
    public String name() {
        return "deliveries";
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public String timeColumn() {
        return "at";
    }

    @Override
    public void insert(final Connection c, final List<Attempt> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (" + INSERTED
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (final Attempt a : rows) {
                JournalSql.setInstant(ps, 1, a.at());
                ps.setString(2, JournalSql.fit(a.alertId(), 64));
                ps.setString(3, JournalSql.fit(a.bodyId(), 64));
                ps.setString(4, JournalSql.fit(a.url(), 2000));
                ps.setInt(5, a.attempt());
                ps.setInt(6, a.reminder());
                ps.setString(7, a.outcome().name());
                ps.setInt(8, a.httpStatus());
                ps.setString(9, JournalSql.fit(a.error(), 1000));
                JournalSql.setInstant(ps, 10, a.nextAttempt());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
