// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.gateway.journal.JournalReads;
import io.civicpulse.gateway.journal.JournalSql;
import io.civicpulse.gateway.journal.JournalTable;
import io.civicpulse.gateway.journal.JournalWriter;
import io.micrometer.core.instrument.MeterRegistry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;

/**
 * The suppression ledger in the issue database (table {@code suppressed_anomalies}, migration V4): records are
 * queued to the {@link JournalWriter} (never blocking the lane) and survive restarts until the retention deletes
 * them. Thread-safe.
 */
public final class JdbcSuppressionLedger implements SuppressionLedger, JournalTable<SuppressionLedger.Suppressed> {
    private static final String TABLE = "suppressed_anomalies";
    private static final String COLUMNS = "id, at, " + JournalSql.ANOMALY_COLUMNS + ", reason, suppressed_by";
    private final JournalWriter writer;
    private final MeterRegistry meters;

    /**
     * @param writer the journal writer (registers this table for the retention)
     * @param meters meters
     */
    public JdbcSuppressionLedger(final JournalWriter writer, final MeterRegistry meters) {
        this.writer = Objects.requireNonNull(writer, "writer must not be null.");
        this.meters = Objects.requireNonNull(meters, "meters must not be null.");
        writer.register(this);
    }

    @Override
    public void record(final Suppressed s) {
        SuppressionLedger.count(meters, s);
        writer.append(this, s);
    }

    @Override
    public List<Suppressed> query(final Query q) {
        final JournalSql.Filter filter = new JournalSql.Filter("at").since(q.since()).until(q.until())
                .eq("device_id", q.deviceId()).eq("category", q.category())
                .eq("reason", q.reason() == null ? null : q.reason().name());
        return JournalReads.query(writer, name(), COLUMNS, TABLE, filter, q.offset(), q.limit(),
                rs -> new Suppressed(JournalSql.instant(rs, "at"), JournalSql.anomaly(rs),
                        Reason.valueOf(rs.getString("reason")), rs.getString("suppressed_by")));
    }

    @Override
    public String name() {
        return "suppressed";
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
    public void insert(final Connection c, final List<Suppressed> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (at, "
                + JournalSql.ANOMALY_COLUMNS + ", reason, suppressed_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (final Suppressed s : rows) {
                JournalSql.setInstant(ps, 1, s.at());
                final int i = JournalSql.setAnomaly(ps, 2, s.anomaly());
                ps.setString(i, s.reason().name());
                ps.setString(i + 1, JournalSql.fit(s.ref(), 400));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
