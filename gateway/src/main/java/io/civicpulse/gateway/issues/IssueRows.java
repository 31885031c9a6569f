// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.Visibility;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Maps rows to records and instants to columns. TIMESTAMP columns hold UTC wall time (no TIMESTAMPTZ: H2 and
 * PostgreSQL disagree on it), so every conversion goes through {@link ZoneOffset#UTC} here and nowhere else.
 */
final class IssueRows {
    /** Columns read by {@link #summary(ResultSet)}, in the issues table. */
    static final String ISSUE_COLUMNS = "id, community, category, severity, routing_class, state, device_id, "
            + "lead_body_id, occurrence_count, reopen_count, visibility, opened_at, updated_at, accept_deadline, "
            + "dispose_deadline";

    private IssueRows() {
    }

    static IssueSummary summary(final ResultSet rs) throws SQLException {
        return new IssueSummary(rs.getString("id"), rs.getString("community"), rs.getString("category"),
                Severity.valueOf(rs.getString("severity")), RoutingClass.valueOf(rs.getString("routing_class")),
                IssueState.valueOf(rs.getString("state")), rs.getString("device_id"), rs.getString("lead_body_id"),
                rs.getInt("occurrence_count"), rs.getInt("reopen_count"),
                Visibility.valueOf(rs.getString("visibility")), instant(rs, "opened_at"), instant(rs, "updated_at"),
                instant(rs, "accept_deadline"), instant(rs, "dispose_deadline"));
    }

    static Assignment assignment(final ResultSet rs) throws SQLException {
        return new Assignment(rs.getString("body_id"), AssignmentRole.valueOf(rs.getString("role")),
                AssignmentStatus.valueOf(rs.getString("status")), instant(rs, "dispatched_at"),
                instant(rs, "accept_deadline"), instant(rs, "accepted_at"), instant(rs, "done_at"));
    }

    static TimelineEvent event(final ResultSet rs) throws SQLException {
        final String from = rs.getString("from_state");
        final String to = rs.getString("to_state");
        return new TimelineEvent(rs.getLong("id"), rs.getString("issue_id"), instant(rs, "at"),
                TimelineEventType.valueOf(rs.getString("type")), rs.getString("actor_body_id"),
                from == null ? null : IssueState.valueOf(from), to == null ? null : IssueState.valueOf(to),
                rs.getString("public_note"), rs.getString("internal_note"));
    }

    static Instant instant(final ResultSet rs, final String column) throws SQLException {
        final LocalDateTime utc = rs.getObject(column, LocalDateTime.class);
        return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
    }

    static void setInstant(final PreparedStatement ps, final int index, final Instant value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.TIMESTAMP);
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** Columns are bounded; evidence text from rules is not, so it is cut rather than failing the insert. */
    static String fit(final String text, final int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max - 1) + "…";
    }
}
