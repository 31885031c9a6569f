// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The workflow statements of one transaction (V2 columns, assignments with ids); timers and rungs are in
 * {@link JdbcTimerTransaction}. Valid only inside the work of {@link JdbcIssueStore#inTransaction}; not
 * thread-safe. Every method throws {@link IssueStoreException} on a database error.
 */
public final class JdbcWorkflowTransaction {
    private static final int NOTE_MAX = 1000;

    private final Connection connection;

    JdbcWorkflowTransaction(final Connection connection) {
        this.connection = connection;
    }

    /** @return the timer and rung statements of this transaction */
    public JdbcTimerTransaction timers() {
        return new JdbcTimerTransaction(connection);
    }

    /**
     * @param issueId issue id, never null
     * @return the issue with control columns and assignments, or empty if unknown
     */
    public Optional<IssueSnapshot> load(final String issueId) {
        final String sql = "SELECT " + IssueRows.ISSUE_COLUMNS + ", " + IssueControl.COLUMNS
                + " FROM issues WHERE id = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, issueId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new IssueSnapshot(IssueRows.summary(rs), control(rs), assignments(issueId)));
            }
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("load " + issueId, e);
        }
    }

    static IssueControl control(final ResultSet rs) throws SQLException {
        return new IssueControl(rs.getLong("version"), rs.getInt("return_count"), rs.getBoolean("lead_locked"),
                rs.getString("supervision"), rs.getString("closure_reason"), rs.getString("duplicate_of"),
                rs.getString("admin_decision"), rs.getString("pending_request"),
                IssueRows.instant(rs, "pending_until"), rs.getString("pending_reason"),
                IssueRows.instant(rs, "resolved_at"), IssueRows.instant(rs, "closed_at"));
    }

    private List<AssignmentRow> assignments(final String issueId) throws SQLException {
        final List<AssignmentRow> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT * FROM assignments WHERE issue_id = ? ORDER BY id")) {
            ps.setString(1, issueId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AssignmentRow(rs.getLong("id"), IssueRows.assignment(rs),
                            rs.getString("return_reason")));
                }
            }
        }
        return out;
    }

    /**
     * The optimistic check: bumps the version only if it is still {@code expected}.
     *
     * @param issueId  the issue, never null
     * @param expected the version the command read
     * @param at       time of the change
     * @throws ConcurrentIssueChangeException if another command changed the issue first
     */
    public void bumpVersion(final String issueId, final long expected, final Instant at) {
        final String sql = "UPDATE issues SET version = version + 1, updated_at = ? WHERE id = ? AND version = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            IssueRows.setInstant(ps, 1, at);
            ps.setString(2, issueId);
            ps.setLong(3, expected);
            if (ps.executeUpdate() != 1) {
                throw new ConcurrentIssueChangeException(issueId, expected);
            }
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("bump the version of " + issueId, e);
        }
    }

    /** Columns a command may set with {@link #set}; an enum so no text from a request reaches SQL. */
    public enum Column {
        /** Current lead body. */
        LEAD_BODY_ID("lead_body_id"),
        /** Returns so far. */
        RETURN_COUNT("return_count"),
        /** Lead locked. */
        LEAD_LOCKED("lead_locked"),
        /** Highest escalation. */
        SUPERVISION("supervision"),
        /** Closure or rejection reason. */
        CLOSURE_REASON("closure_reason"),
        /** Merged into. */
        DUPLICATE_OF("duplicate_of"),
        /** ADMINISTRATIVE decision. */
        ADMIN_DECISION("admin_decision"),
        /** Pending request kind. */
        PENDING_REQUEST("pending_request"),
        /** Pending request date. */
        PENDING_UNTIL("pending_until"),
        /** Pending request reason. */
        PENDING_REASON("pending_reason"),
        /** Last resolution. */
        RESOLVED_AT("resolved_at"),
        /** Last closing. */
        CLOSED_AT("closed_at"),
        /** The lead's accept deadline shown in lists. */
        ACCEPT_DEADLINE("accept_deadline"),
        /** The dispose deadline shown in lists. */
        DISPOSE_DEADLINE("dispose_deadline");

        private final String sql;

        Column(final String sql) {
            this.sql = sql;
        }
    }

    /**
     * @param issueId the issue, never null
     * @param column  the column, never null
     * @param value   String, Integer, Boolean, Instant or null
     */
    public void set(final String issueId, final Column column, final Object value) {
        final String sql = "UPDATE issues SET " + column.sql + " = ? WHERE id = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            if (value instanceof Instant at) {
                IssueRows.setInstant(ps, 1, at);
            } else if (value instanceof String text) {
                ps.setString(1, IssueRows.fit(text, NOTE_MAX));
            } else {
                ps.setObject(1, value);
            }
            ps.setString(2, issueId);
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("set " + column + " of " + issueId, e);
        }
    }

    /**
     * @param issueId    the issue, never null
     * @param assignment the assignment, never null
     * @return its database id
     */
    public long insertAssignment(final String issueId, final Assignment assignment) {
        final String sql = "INSERT INTO assignments (issue_id, body_id, role, status, dispatched_at, "
                + "accept_deadline, accepted_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql, new String[] {"id"})) {
            ps.setString(1, issueId);
            ps.setString(2, assignment.bodyId());
            ps.setString(3, assignment.role().name());
            ps.setString(4, assignment.status().name());
            IssueRows.setInstant(ps, 5, assignment.dispatchedAt());
            IssueRows.setInstant(ps, 6, assignment.acceptDeadline());
            IssueRows.setInstant(ps, 7, assignment.acceptedAt());
            IssueRows.setInstant(ps, 8, assignment.doneAt());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("assign " + assignment.bodyId() + " to " + issueId, e);
        }
    }

    /**
     * @param assignmentId the assignment, never null
     * @param status       new status, never null
     * @param at           when (accepted_at for ACCEPTED, done_at for DONE and RETURNED), never null
     * @param returnReason reason for RETURNED, else null
     */
    public void updateAssignment(final long assignmentId, final AssignmentStatus status, final Instant at,
                                 final String returnReason) {
        final String when = status == AssignmentStatus.ACCEPTED ? "accepted_at" : "done_at";
        final String sql = "UPDATE assignments SET status = ?, " + when + " = ?, return_reason = ? WHERE id = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, status.name());
            IssueRows.setInstant(ps, 2, at);
            ps.setString(3, IssueRows.fit(returnReason, NOTE_MAX));
            ps.setLong(4, assignmentId);
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("update assignment " + assignmentId, e);
        }
    }

    /**
     * The newest CLOSED issue of a device and category closed at or after {@code since}, locked.
     *
     * @param community community, never null
     * @param deviceId  device, never null
     * @param category  category, never null
     * @param since     start of the reopen window, never null
     * @return its id, or empty
     */
    public Optional<String> lockRecentlyClosed(final String community, final String deviceId, final String category,
                                               final Instant since) {
        final String sql = "SELECT id FROM issues WHERE community = ? AND device_id = ? AND category = ? "
                + "AND state = 'CLOSED' AND closed_at >= ? ORDER BY closed_at DESC LIMIT 1 FOR UPDATE";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, community);
            ps.setString(2, deviceId);
            ps.setString(3, category);
            IssueRows.setInstant(ps, 4, since);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("find a recently closed " + category + " of " + deviceId, e);
        }
    }
}
