// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL helpers of the journal tables. TIMESTAMP columns hold UTC wall time, as in the issue tables (H2 and
 * PostgreSQL disagree on TIMESTAMPTZ), so instants are converted through {@link ZoneOffset#UTC} here.
 */
public final class JournalSql {
    /** Columns of an anomaly, in the order {@link #setAnomaly} binds them and {@link #anomaly} reads them. */
    public static final String ANOMALY_COLUMNS = "community, device_type, device_id, category, status, "
            + "anomaly_at_millis, rule_id, detail";

    private JournalSql() {
    }

    /** Binds a nullable instant. */
    public static void setInstant(final PreparedStatement ps, final int index, final Instant value)
            throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** @return the column as an instant, or null */
    public static Instant instant(final ResultSet rs, final String column) throws SQLException {
        final LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    /** Columns are bounded; evidence text and error messages are not, so they are cut rather than failing. */
    public static String fit(final String text, final int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }

    /**
     * Binds the eight {@link #ANOMALY_COLUMNS} from {@code index} on.
     *
     * @return the next free index
     */
    public static int setAnomaly(final PreparedStatement ps, final int index, final Anomaly a) throws SQLException {
        int i = index;
        ps.setString(i++, fit(a.community(), 64));
        ps.setString(i++, fit(a.deviceType(), 32));
        ps.setString(i++, fit(a.deviceId(), 128));
        ps.setString(i++, fit(a.category(), 16));
        ps.setString(i++, a.status().name());
        ps.setLong(i++, a.atMillis());
        ps.setString(i++, fit(a.ruleId(), 200));
        ps.setString(i++, fit(a.detail(), 4000));
        return i;
    }

    /** @return the anomaly of a row read with {@link #ANOMALY_COLUMNS} */
    public static Anomaly anomaly(final ResultSet rs) throws SQLException {
        return new Anomaly(rs.getString("community"), rs.getString("device_type"), rs.getString("device_id"),
                rs.getString("category"), AnomalyStatus.valueOf(rs.getString("status")),
                rs.getLong("anomaly_at_millis"), rs.getString("rule_id"), rs.getString("detail"));
    }

    /**
     * A {@code WHERE} clause built from optional filters, with its parameters, newest first and paged.
     */
    public static final class Filter {
        private final String timeColumn;
        private final List<String> conditions = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        /** @param timeColumn the column {@link #since} and {@link #until} compare and the order follows */
        public Filter(final String timeColumn) {
            this.timeColumn = timeColumn;
        }

        /** Rows at or after {@code at}; null adds nothing. */
        public Filter since(final Instant at) {
            return add(timeColumn + " >= ?", at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        }

        /** Rows before {@code at}; null adds nothing. */
        public Filter until(final Instant at) {
            return add(timeColumn + " < ?", at == null ? null : LocalDateTime.ofInstant(at, ZoneOffset.UTC));
        }

        /** Rows whose {@code column} equals {@code value}; null adds nothing. */
        public Filter eq(final String column, final Object value) {
            return add(column + " = ?", value);
        }

        private Filter add(final String condition, final Object value) {
            if (value != null) {
                conditions.add(condition);
                params.add(value);
            }
            return this;
        }

        /**
         * @param columns the selected columns
         * @param table   the table
         * @param offset  rows skipped
         * @param limit   rows returned at most
         * @return a statement with every parameter bound; close it
         */
        public PreparedStatement prepare(final java.sql.Connection c, final String columns, final String table,
                                         final int offset, final int limit) throws SQLException {
            final String sql = "SELECT " + columns + " FROM " + table
                    + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                    + " ORDER BY " + timeColumn + " DESC, id DESC LIMIT ? OFFSET ?";
            final PreparedStatement ps = c.prepareStatement(sql);
            try {
                int i = 1;
                for (final Object p : params) {
                    ps.setObject(i++, p);
                }
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                return ps;
            } catch (final SQLException e) {
                ps.close();
                throw e;
            }
        }
    }
}
