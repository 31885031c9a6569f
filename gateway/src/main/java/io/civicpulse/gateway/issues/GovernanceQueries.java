// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import javax.sql.DataSource;

/**
 * Read-only queries of the supervision role: the watch list and KPIs. Thread-safe; each call uses its own pooled
 * connection.
 */
public final class GovernanceQueries {
    private static final String WORKING = "('REGISTERED', 'DISPATCHED', 'IN_PROGRESS', 'AUTO_HANDLING')";

    private final DataSource dataSource;

    /** @param dataSource the migrated issue database, never null */
    public GovernanceQueries(final DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null.");
    }

    /**
     * @param now the current time, never null
     * @return open issues that are warned, supervised, reported up, overdue or waiting for an approval; most urgent
     *         (earliest dispose deadline) first, at most 500
     */
    public List<SupervisionItem> watchList(final Instant now) {
        final String sql = "SELECT " + IssueRows.ISSUE_COLUMNS + ", " + IssueControl.COLUMNS + " FROM issues "
                + "WHERE state NOT IN ('CLOSED', 'REJECTED', 'MERGED') "
                + "ORDER BY dispose_deadline, id LIMIT 500";
        final List<SupervisionItem> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                final IssueSummary issue = IssueRows.summary(rs);
                final IssueControl control = JdbcWorkflowTransaction.control(rs);
                final boolean overdue = WORKING.contains("'" + issue.state().name() + "'")
                        && issue.disposeDeadline() != null && issue.disposeDeadline().isBefore(now);
                if (overdue || !"NONE".equals(control.supervision()) || control.pendingRequest() != null) {
                    out.add(new SupervisionItem(issue, control.supervision(), overdue, control.leadLocked(),
                            control.pendingRequest()));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("read the supervision watch list", e);
        }
    }

    /**
     * @param from start (inclusive), never null
     * @param to   end (exclusive), after {@code from}, never null
     * @return KPIs per body and category for assignments dispatched and issues opened in the period
     */
    public KpiReport kpis(final Instant from, final Instant to) {
        return kpis(from, to, category -> true);
    }

    /**
     * KPIs over the issues of the categories {@code counted} accepts only: the public view leaves out internal
     * categories, whose very existence (a tamper alarm at a gate) must not be told by a count.
     *
     * @param counted which category codes to count, never null
     * @return KPIs per body and category, as {@link #kpis(Instant, Instant)}, over the counted categories
     */
    public KpiReport kpis(final Instant from, final Instant to, final Predicate<String> counted) {
        final List<KpiReport.AssignmentFact> assignments = new ArrayList<>();
        final List<KpiReport.IssueFact> issues = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT a.body_id, i.category, a.accept_deadline, "
                    + "a.accepted_at FROM assignments a JOIN issues i ON i.id = a.issue_id "
                    + "WHERE a.dispatched_at >= ? AND a.dispatched_at < ?")) {
                IssueRows.setInstant(ps, 1, from);
                IssueRows.setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        assignments.add(new KpiReport.AssignmentFact(rs.getString(1), rs.getString(2),
                                IssueRows.instant(rs, "accept_deadline"), IssueRows.instant(rs, "accepted_at")));
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT lead_body_id, category, state, opened_at, "
                    + "resolved_at, dispose_deadline, reopen_count FROM issues "
                    + "WHERE opened_at >= ? AND opened_at < ?")) {
                IssueRows.setInstant(ps, 1, from);
                IssueRows.setInstant(ps, 2, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        issues.add(new KpiReport.IssueFact(rs.getString(1), rs.getString(2),
                                IssueState.valueOf(rs.getString(3)), IssueRows.instant(rs, "opened_at"),
                                IssueRows.instant(rs, "resolved_at"), IssueRows.instant(rs, "dispose_deadline"),
                                rs.getInt(7)));
                    }
                }
            }
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("compute KPIs", e);
        }
        assignments.removeIf(a -> !counted.test(a.category()));
        issues.removeIf(i -> !counted.test(i.category()));
        return KpiReport.compute(from, to, assignments, issues);
    }
}
