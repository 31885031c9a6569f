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
 * The writes of one database transaction, handed to work passed to {@link JdbcIssueStore}. Together with the
 * store it holds all issue SQL. Valid only inside that work; not thread-safe.
 *
 * <p>Every method throws {@link IssueStoreException} on a database error, which rolls the transaction back.
 */
public final class JdbcIssueTransaction {
    /** SQLState of a unique violation, the same in H2 and PostgreSQL. */
    static final String UNIQUE_VIOLATION = "23505";
    private static final int PUBLIC_NOTE_MAX = 1000;
    private static final int INTERNAL_NOTE_MAX = 4000;

    private final Connection connection;

    JdbcIssueTransaction(final Connection connection) {
        this.connection = connection;
    }

    /** @return the workflow, timer and rung statements of this same transaction */
    public JdbcWorkflowTransaction workflow() {
        return new JdbcWorkflowTransaction(connection);
    }

    /**
     * Reserves the next public issue id; numbers are never reused (a rolled-back id leaves a gap).
     *
     * @param year year for the prefix (in the policy's zone)
     * @return an id like {@code SQ-2026-000123}
     */
    public String nextIssueId(final int year) {
        try (PreparedStatement ps = connection.prepareStatement("SELECT nextval('issue_number_seq')");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return String.format("SQ-%d-%06d", year, rs.getLong(1));
        } catch (final SQLException e) {
            throw failed("reserve an issue id", e);
        }
    }

    /**
     * Locks and returns the open issue holding {@code openKey} ({@code SELECT … FOR UPDATE}): concurrent merges
     * into the same issue wait for each other instead of losing an occurrence or a state change.
     *
     * @param openKey the open key, never null
     * @return the open issue, or empty
     */
    public Optional<IssueSummary> lockOpen(final String openKey) {
        final String sql = "SELECT " + IssueRows.ISSUE_COLUMNS + " FROM issues WHERE open_key = ? FOR UPDATE";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, openKey);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(IssueRows.summary(rs)) : Optional.empty();
            }
        } catch (final SQLException e) {
            throw failed("lock the open issue " + openKey, e);
        }
    }

    /**
     * Inserts a new issue holding {@code openKey}.
     *
     * @param issue   the issue, never null
     * @param openKey its open key, or null when it must not deduplicate
     * @throws OpenIssueConflictException if another open issue holds the key (the transaction is then unusable)
     */
    public void insertIssue(final IssueSummary issue, final String openKey) {
        final String sql = "INSERT INTO issues (" + IssueRows.ISSUE_COLUMNS + ", open_key) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, issue.id());
            ps.setString(2, issue.community());
            ps.setString(3, issue.category());
            ps.setString(4, issue.severity().name());
            ps.setString(5, issue.routingClass().name());
            ps.setString(6, issue.state().name());
            ps.setString(7, issue.deviceId());
            ps.setString(8, issue.leadBodyId());
            ps.setInt(9, issue.occurrenceCount());
            ps.setInt(10, issue.reopenCount());
            ps.setString(11, issue.visibility().name());
            IssueRows.setInstant(ps, 12, issue.openedAt());
            IssueRows.setInstant(ps, 13, issue.updatedAt());
            IssueRows.setInstant(ps, 14, issue.acceptDeadline());
            IssueRows.setInstant(ps, 15, issue.disposeDeadline());
            ps.setString(16, openKey);
            ps.executeUpdate();
        } catch (final SQLException e) {
            // The id comes from a sequence, so the only unique value that can collide is the open key.
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new OpenIssueConflictException(openKey, e);
            }
            throw failed("insert issue " + issue.id(), e);
        }
    }

    /**
     * @param issueId    the issue, never null
     * @param assignment the assignment, never null
     */
    public void insertAssignment(final String issueId, final Assignment assignment) {
        final String sql = "INSERT INTO assignments (issue_id, body_id, role, status, dispatched_at, "
                + "accept_deadline, accepted_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, issueId);
            ps.setString(2, assignment.bodyId());
            ps.setString(3, assignment.role().name());
            ps.setString(4, assignment.status().name());
            IssueRows.setInstant(ps, 5, assignment.dispatchedAt());
            IssueRows.setInstant(ps, 6, assignment.acceptDeadline());
            IssueRows.setInstant(ps, 7, assignment.acceptedAt());
            IssueRows.setInstant(ps, 8, assignment.doneAt());
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw failed("insert assignment of " + assignment.bodyId() + " to " + issueId, e);
        }
    }

    /**
     * Appends a timeline event (its {@code id} is ignored; the database assigns one). Notes are cut to the column
     * sizes (1000 and 4000 characters).
     *
     * @param event the event, never null
     */
    public void appendEvent(final TimelineEvent event) {
        final String sql = "INSERT INTO timeline_events (issue_id, at, type, actor_body_id, from_state, to_state, "
                + "public_note, internal_note) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, event.issueId());
            IssueRows.setInstant(ps, 2, event.at());
            ps.setString(3, event.type().name());
            ps.setString(4, event.actorBodyId());
            ps.setString(5, event.fromState() == null ? null : event.fromState().name());
            ps.setString(6, event.toState() == null ? null : event.toState().name());
            ps.setString(7, IssueRows.fit(event.publicNote(), PUBLIC_NOTE_MAX));
            ps.setString(8, IssueRows.fit(event.internalNote(), INTERNAL_NOTE_MAX));
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw failed("append " + event.type() + " to " + event.issueId(), e);
        }
    }

    /**
     * Moves an issue from {@code from} to {@code to} if it is still in {@code from} (compare-and-set). Leaving the
     * open states releases the open key; coming back (reopen from CLOSED) takes it again.
     *
     * @param issueId the issue, never null
     * @param from    expected current state, never null
     * @param to      new state, never null
     * @param at      time of the change, never null
     * @throws IllegalTransitionException  if §2.2 does not allow the move
     * @throws OpenIssueConflictException  if reopening collides with a newer open issue of the same key
     * @throws IssueStoreException         if the issue is not in {@code from} any more
     */
    public void updateState(final String issueId, final IssueState from, final IssueState to, final Instant at) {
        from.requireTransitionTo(to);
        final String openKey;
        if (!to.isOpen()) {
            openKey = ", open_key = NULL";
        } else if (!from.isOpen()) {
            // Same format as IssueKeys.openKey; NULL device ids give a NULL key (no deduplication).
            openKey = ", open_key = community || '|' || device_id || '|' || category";
        } else {
            openKey = "";
        }
        final String sql = "UPDATE issues SET state = ?, updated_at = ?" + openKey + " WHERE id = ? AND state = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, to.name());
            IssueRows.setInstant(ps, 2, at);
            ps.setString(3, issueId);
            ps.setString(4, from.name());
            if (ps.executeUpdate() != 1) {
                throw new IssueStoreException("issue " + issueId + " is no longer " + from + "; not moved to " + to,
                        null);
            }
        } catch (final SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new OpenIssueConflictException("issue " + issueId, e);
            }
            throw failed("move " + issueId + " to " + to, e);
        }
    }

    /**
     * Counts one more observation merged into the issue.
     *
     * @param issueId the issue, never null
     * @param at      time of the observation, never null
     * @return the new occurrence count
     */
    public int addOccurrence(final String issueId, final Instant at) {
        update("UPDATE issues SET occurrence_count = occurrence_count + 1, updated_at = ? WHERE id = ?", at,
                issueId);
        return readInt("SELECT occurrence_count FROM issues WHERE id = ?", issueId);
    }

    /**
     * @param issueId the issue, never null
     * @param at      time of the reopen, never null
     */
    public void incrementReopenCount(final String issueId, final Instant at) {
        update("UPDATE issues SET reopen_count = reopen_count + 1, updated_at = ? WHERE id = ?", at, issueId);
    }

    /**
     * @param issueId the issue, never null
     * @return ids of every assigned body, lead first, then in assignment order
     */
    public List<String> assignedBodyIds(final String issueId) {
        final String sql = "SELECT body_id FROM assignments WHERE issue_id = ? "
                + "ORDER BY CASE WHEN role = 'LEAD' THEN 0 ELSE 1 END, id";
        final List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, issueId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw failed("read assignments of " + issueId, e);
        }
    }

    private void update(final String sql, final Instant at, final String issueId) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            IssueRows.setInstant(ps, 1, at);
            ps.setString(2, issueId);
            if (ps.executeUpdate() != 1) {
                throw new IssueStoreException("issue " + issueId + " does not exist", null);
            }
        } catch (final SQLException e) {
            throw failed("update " + issueId, e);
        }
    }

    private int readInt(final String sql, final String issueId) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, issueId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (final SQLException e) {
            throw failed("read " + issueId, e);
        }
    }

    static IssueStoreException failed(final String what, final SQLException e) {
        return new IssueStoreException("cannot " + what + ": " + e.getMessage() + " (SQLState " + e.getSQLState()
                + ")", e);
    }
}
