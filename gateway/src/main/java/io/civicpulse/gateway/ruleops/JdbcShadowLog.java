// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.gateway.journal.JournalReads;
import io.civicpulse.gateway.journal.JournalSql;
import io.civicpulse.gateway.journal.JournalTable;
import io.civicpulse.gateway.journal.JournalWriter;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The shadow log in the issue database (table {@code shadow_verdicts}, migration V4), written through the
 * {@link JournalWriter} so a lane never waits for the database. Thread-safe.
 */
public final class JdbcShadowLog implements ShadowLog, JournalTable<ShadowLog.Entry> {
    private static final String TABLE = "shadow_verdicts";
    private static final String COLUMNS = "id, recorded_at, generation, " + JournalSql.ANOMALY_COLUMNS
            + ", would_open";
    private final JournalWriter writer;
    private final Clock clock;

    /**
     * @param writer the journal writer (registers this table for the retention)
     * @param clock  dates the entries
     */
    public JdbcShadowLog(final JournalWriter writer, final Clock clock) {
        this.writer = Objects.requireNonNull(writer, "writer must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        writer.register(this);
    }

    @Override
    public void record(final long generation, final Anomaly anomaly) {
        writer.append(this, new Entry(generation, anomaly, anomaly.status() == AnomalyStatus.RAISED,
                clock.instant()));
    }

    @Override
    public List<Entry> query(final Query q) {
        final JournalSql.Filter filter = new JournalSql.Filter("recorded_at").since(q.since()).until(q.until())
                .eq("device_id", q.deviceId()).eq("category", q.category());
        return JournalReads.query(writer, name(), COLUMNS, TABLE, filter, q.offset(), q.limit(),
                rs -> new Entry(rs.getLong("generation"), JournalSql.anomaly(rs), rs.getBoolean("would_open"),
                        JournalSql.instant(rs, "recorded_at")));
    }

    @Override
    public String name() {
        return "shadow";
    }

    @Override
    public String table() {
        return TABLE;
    }

    @Override
    public String timeColumn() {
        return "recorded_at";
    }

    @Override
    public void insert(final Connection c, final List<Entry> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (recorded_at, generation, "
                + JournalSql.ANOMALY_COLUMNS + ", would_open) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (final Entry e : rows) {
                JournalSql.setInstant(ps, 1, e.at());
                ps.setLong(2, e.generation());
                final int i = JournalSql.setAnomaly(ps, 3, e.anomaly());
                ps.setBoolean(i, e.wouldOpen());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
