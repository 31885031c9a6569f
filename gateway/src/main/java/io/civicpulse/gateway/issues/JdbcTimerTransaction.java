// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Timer and escalation-rung statements of one transaction (tables {@code issue_timers}, {@code escalation_rungs}).
 * Valid only inside one transaction; not thread-safe. Database errors are {@link IssueStoreException}s.
 */
public final class JdbcTimerTransaction {
    private static final String TIMER_COLUMNS = "id, issue_id, assignment_id, body_id, kind, cycle, started_at, "
            + "due_at, paused_at";

    private final Connection connection;

    JdbcTimerTransaction(final Connection connection) {
        this.connection = connection;
    }

    /**
     * Starts the next cycle of a timer.
     *
     * @param issueId      the issue
     * @param assignmentId the timed assignment
     * @param bodyId       the timed body
     * @param kind         what is timed
     * @param startedAt    start of the window
     * @param dueAt        the deadline
     */
    public void start(final String issueId, final long assignmentId, final String bodyId, final TimerKind kind,
                      final Instant startedAt, final Instant dueAt) {
        final String sql = "INSERT INTO issue_timers (issue_id, assignment_id, body_id, kind, cycle, started_at, "
                + "due_at) SELECT ?, ?, ?, ?, COALESCE(MAX(cycle), 0) + 1, ?, ? FROM issue_timers "
                + "WHERE assignment_id = ? AND kind = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, issueId);
            ps.setLong(2, assignmentId);
            ps.setString(3, bodyId);
            ps.setString(4, kind.name());
            IssueRows.setInstant(ps, 5, startedAt);
            IssueRows.setInstant(ps, 6, dueAt);
            ps.setLong(7, assignmentId);
            ps.setString(8, kind.name());
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("start the " + kind + " timer of " + issueId, e);
        }
    }

    /**
     * Stops running timers of an issue.
     *
     * @param issueId      the issue
     * @param assignmentId only this assignment's timers, or null for all
     * @param kinds        which kinds, not empty
     * @param at           when
     */
    public void stop(final String issueId, final Long assignmentId, final Set<TimerKind> kinds, final Instant at) {
        final String in = kinds.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));
        final String sql = "UPDATE issue_timers SET stopped_at = ? WHERE issue_id = ? AND stopped_at IS NULL "
                + "AND kind IN (" + in + ")" + (assignmentId == null ? "" : " AND assignment_id = ?");
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            IssueRows.setInstant(ps, 1, at);
            ps.setString(2, issueId);
            if (assignmentId != null) {
                ps.setLong(3, assignmentId);
            }
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("stop timers of " + issueId, e);
        }
    }

    /**
     * Pauses running timers (PARKED, pending extension).
     *
     * @param issueId the issue
     * @param kinds   which kinds, not empty
     * @param at      when
     */
    public void pause(final String issueId, final Set<TimerKind> kinds, final Instant at) {
        final String in = kinds.stream().map(k -> "'" + k.name() + "'").collect(Collectors.joining(", "));
        final String sql = "UPDATE issue_timers SET paused_at = ? WHERE issue_id = ? AND stopped_at IS NULL "
                + "AND paused_at IS NULL AND kind IN (" + in + ")";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            IssueRows.setInstant(ps, 1, at);
            ps.setString(2, issueId);
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("pause timers of " + issueId, e);
        }
    }

    /**
     * Resumes paused timers, shifting window and deadline by the paused time (natural time: the paused span is
     * handed back in full, so a timer never loses time to parking).
     *
     * @param issueId the issue
     * @param at      when
     */
    public void resume(final String issueId, final Instant at) {
        for (final RunningTimer t : select("issue_id = ? AND stopped_at IS NULL AND paused_at IS NOT NULL",
                issueId)) {
            final Duration paused = Duration.between(t.pausedAt(), at);
            final String sql = "UPDATE issue_timers SET paused_at = NULL, started_at = ?, due_at = ? WHERE id = ?";
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                IssueRows.setInstant(ps, 1, t.startedAt().plus(paused));
                IssueRows.setInstant(ps, 2, t.dueAt().plus(paused));
                ps.setLong(3, t.id());
                ps.executeUpdate();
            } catch (final SQLException e) {
                throw JdbcIssueTransaction.failed("resume timer " + t.id(), e);
            }
        }
    }

    /**
     * @param issueId the issue
     * @return its timers that have not stopped (running or paused), oldest first
     */
    public List<RunningTimer> unstopped(final String issueId) {
        return select("issue_id = ? AND stopped_at IS NULL", issueId);
    }

    /** @return every running (not stopped, not paused) timer of every issue, oldest first */
    public List<RunningTimer> running() {
        return select("stopped_at IS NULL AND paused_at IS NULL", null);
    }

    /**
     * @param timerId the timer
     * @return true if it is still running (not stopped or paused)
     */
    public boolean isRunning(final long timerId) {
        return !select("id = " + timerId + " AND stopped_at IS NULL AND paused_at IS NULL", null).isEmpty();
    }

    /**
     * Records that a rung fired. Call first in the rung's transaction.
     *
     * @param t    the timer
     * @param rung rung name such as R0 or R4_2
     * @param at   when
     * @throws RungAlreadyFiredException if it already fired (the transaction must roll back)
     */
    public void insertRung(final RunningTimer t, final String rung, final Instant at) {
        final String sql = "INSERT INTO escalation_rungs (timer_id, issue_id, assignment_id, kind, rung, cycle, "
                + "fired_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setLong(1, t.id());
            ps.setString(2, t.issueId());
            ps.setLong(3, t.assignmentId());
            ps.setString(4, t.kind().name());
            ps.setString(5, rung);
            ps.setInt(6, t.cycle());
            IssueRows.setInstant(ps, 7, at);
            ps.executeUpdate();
        } catch (final SQLException e) {
            if (JdbcIssueTransaction.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new RungAlreadyFiredException(t.kind() + " timer " + t.id() + " rung " + rung);
            }
            throw JdbcIssueTransaction.failed("record rung " + rung + " of timer " + t.id(), e);
        }
    }

    /**
     * @param issueId the issue
     * @return rung rows as {@code KIND/RUNG/cycle}, in firing order (for tests and the supervision view)
     */
    public List<String> rungs(final String issueId) {
        final List<String> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT kind, rung, cycle FROM escalation_rungs WHERE issue_id = ? ORDER BY id")) {
            ps.setString(1, issueId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getInt(3));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("read rungs of " + issueId, e);
        }
    }

    private List<RunningTimer> select(final String where, final String issueId) {
        final List<RunningTimer> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + TIMER_COLUMNS
                + " FROM issue_timers WHERE " + where + " ORDER BY id")) {
            if (issueId != null) {
                ps.setString(1, issueId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunningTimer(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                            TimerKind.valueOf(rs.getString(5)), rs.getInt(6), IssueRows.instant(rs, "started_at"),
                            IssueRows.instant(rs, "due_at"), IssueRows.instant(rs, "paused_at")));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("read timers", e);
        }
    }
}
