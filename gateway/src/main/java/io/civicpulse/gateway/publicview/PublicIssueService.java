// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import io.civicpulse.gateway.issues.IssueDetail;
import io.civicpulse.gateway.issues.IssueStoreException;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.residents.JdbcReportStore;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reads issues for the public: never an INTERNAL one, always through {@link PublicProjection}. Thread-safe; any
 * thread.
 */
public final class PublicIssueService {
    private final DataSource dataSource;
    private final JdbcIssueStore issues;
    private final JdbcReportStore reports;
    private final PublicProjection projection;
    private final Clock clock;

    /**
     * @param dataSource the issue database, never null
     * @param issues     issue store, never null
     * @param reports    report store (report positions), never null
     * @param projection the public projection, never null
     * @param clock      for overdue flags, never null
     */
    public PublicIssueService(final DataSource dataSource, final JdbcIssueStore issues, final JdbcReportStore reports,
                              final PublicProjection projection, final Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null.");
        this.issues = Objects.requireNonNull(issues, "issues must not be null.");
        this.reports = Objects.requireNonNull(reports, "reports must not be null.");
        this.projection = Objects.requireNonNull(projection, "projection must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
    }

    /**
     * @param id an issue id
     * @return its public view, or empty if unknown or not public
     */
    public Optional<PublicIssue> find(final String id) {
        return issues.find(id).filter(d -> PublicProjection.isPublic(d.issue())).map(d -> project(List.of(d)).get(0));
    }

    /**
     * @param query filters and page, never null
     * @return public issues, newest first
     */
    public List<PublicIssue> list(final PublicQuery query) {
        final List<IssueDetail> details = new ArrayList<>();
        for (final String id : ids(query)) {
            issues.find(id).ifPresent(details::add);
        }
        return project(details);
    }

    private List<PublicIssue> project(final List<IssueDetail> details) {
        final Map<String, double[]> reported = reports.firstLocations(details.stream()
                .filter(d -> d.issue().deviceId() == null).map(d -> d.issue().id()).toList());
        final Instant now = clock.instant();
        return details.stream().map(d -> projection.project(d, reported.get(d.issue().id()), now)).toList();
    }

    private List<String> ids(final PublicQuery q) {
        final StringBuilder sql = new StringBuilder("SELECT id FROM issues WHERE visibility <> 'INTERNAL'");
        final List<Object> args = new ArrayList<>();
        if (q.community() != null) {
            sql.append(" AND community = ?");
            args.add(q.community());
        }
        in(sql, args, "id", q.ids());
        in(sql, args, "category", q.categories());
        if (q.statuses().size() == 1) {
            sql.append("open".equals(q.statuses().get(0)) ? " AND state NOT IN ('CLOSED', 'REJECTED', 'MERGED')"
                    : " AND state IN ('CLOSED', 'REJECTED', 'MERGED')");
        }
        if (q.from() != null) {
            sql.append(" AND opened_at >= ?");
            args.add(LocalDateTime.ofInstant(q.from(), ZoneOffset.UTC));
        }
        if (q.to() != null) {
            sql.append(" AND opened_at <= ?");
            args.add(LocalDateTime.ofInstant(q.to(), ZoneOffset.UTC));
        }
        sql.append(" ORDER BY opened_at DESC, id DESC LIMIT ? OFFSET ?");
        args.add(q.limit());
        args.add(q.offset());
        return select(sql.toString(), args);
    }

    private static void in(final StringBuilder sql, final List<Object> args, final String column,
                           final List<String> values) {
        if (!values.isEmpty()) {
            sql.append(" AND ").append(column).append(" IN (")
                    .append(String.join(", ", values.stream().map(v -> "?").toList())).append(')');
            args.addAll(values);
        }
    }

    private List<String> select(final String sql, final List<Object> args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            final List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw new IssueStoreException("cannot list public issues: " + e.getMessage(), e);
        }
    }
}
