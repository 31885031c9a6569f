// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.IssueStoreException;
import io.civicpulse.gateway.issues.IssueTransactions;
import io.civicpulse.gateway.issues.JdbcIssueTransaction;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Resident reports over JDBC (H2 in PostgreSQL mode or PostgreSQL; table {@code resident_reports}, migration V3).
 * A transaction here also carries the issue writes ({@link IssueTransactions}), so a report and the issue change it
 * causes commit together. Thread-safe: every call takes its own pooled connection.
 */
public final class JdbcReportStore {
    /** States in which an issue takes no merged observations (the open states' complement, §2.2). */
    private static final String NOT_OPEN = "('CLOSED', 'REJECTED', 'MERGED')";

    private final DataSource dataSource;

    /** @param dataSource pooled connections to the migrated issue database, never null */
    public JdbcReportStore(final DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null.");
    }

    /** One transaction: report SQL on {@code connection}, issue writes through {@code issues}. */
    record Tx(Connection connection, JdbcIssueTransaction issues) {
    }

    /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
    <T> T inTransaction(final Function<Tx, T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                final T result = work.apply(new Tx(c, IssueTransactions.on(c)));
                c.commit();
                return result;
            } catch (final RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (final SQLException e) {
            throw failed("run a report transaction", e);
        }
    }

    /** Open issues of these categories in the community opened since {@code since}, oldest first. */
    List<OpenCandidate> openCandidates(final Tx tx, final String community, final Collection<String> categories,
                                       final Instant since) {
        final String marks = String.join(", ", categories.stream().map(c -> "?").toList());
        final String sql = "SELECT id, category, device_id, opened_at FROM issues WHERE community = ? AND category IN ("
                + marks + ") AND state NOT IN " + NOT_OPEN + " AND opened_at >= ? ORDER BY opened_at, id";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, community);
            for (final String c : categories) {
                ps.setString(i++, c);
            }
            ps.setObject(i, utc(since));
            final List<OpenCandidate> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OpenCandidate(rs.getString(1), rs.getString(2), rs.getString(3),
                            instant(rs.getObject(4, LocalDateTime.class))));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw failed("search open issues of " + community, e);
        }
    }

    /** Locks the issue row ({@code FOR UPDATE}) and returns its state if it is still open. */
    Optional<IssueState> lockIfOpen(final Tx tx, final String issueId) {
        final String sql = "SELECT state FROM issues WHERE id = ? FOR UPDATE";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, issueId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(IssueState.valueOf(rs.getString(1))).filter(IssueState::isOpen)
                        : Optional.empty();
            }
        } catch (final SQLException e) {
            throw failed("lock issue " + issueId, e);
        }
    }

    /** Inserts a report; the token is stored only as its hash. */
    void insert(final Tx tx, final String id, final String issueId, final ReportRequest r, final String assetId,
                final String tokenHash, final boolean merged, final Instant at) {
        final String sql = "INSERT INTO resident_reports (id, issue_id, community, category, channel, lat, lon, "
                + "asset_id, description, photo, photo_type, reporter_name, reporter_phone, reporter_email, "
                + "follow_token_hash, merged, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement ps = tx.connection().prepareStatement(sql)) {
            ps.setString(1, id);
            ps.setString(2, issueId);
            ps.setString(3, r.community());
            ps.setString(4, r.category());
            ps.setString(5, r.channel().name());
            ps.setDouble(6, r.lat());
            ps.setDouble(7, r.lon());
            ps.setString(8, assetId);
            ps.setString(9, r.text());
            if (r.photo() == null) {
                ps.setNull(10, Types.BINARY);
            } else {
                ps.setBytes(10, r.photo());
            }
            ps.setString(11, r.photoType());
            ps.setString(12, r.reporter().name());
            ps.setString(13, r.reporter().phone());
            ps.setString(14, r.reporter().email());
            ps.setString(15, tokenHash);
            ps.setBoolean(16, merged);
            ps.setObject(17, utc(at));
            ps.executeUpdate();
        } catch (final SQLException e) {
            throw failed("store report " + id, e);
        }
    }

    /**
     * @param tokenHash SHA-256 hex of a follow token
     * @return the report it follows, or empty
     */
    public Optional<StoredReport> findByTokenHash(final String tokenHash) {
        final String sql = "SELECT id, issue_id, category, merged, submitted_at FROM resident_reports "
                + "WHERE follow_token_hash = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new StoredReport(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), instant(rs.getObject(5, LocalDateTime.class)))) : Optional.empty();
            }
        } catch (final SQLException e) {
            throw failed("look up a follow token", e);
        }
    }

    /**
     * Where residents located each issue: the first report's position, for issues without an asset.
     *
     * @param issueIds issues, never null
     * @return position {lat, lon} by issue id, only for issues that have reports
     */
    public Map<String, double[]> firstLocations(final Collection<String> issueIds) {
        final Map<String, double[]> out = new HashMap<>();
        if (issueIds.isEmpty()) {
            return out;
        }
        final String marks = String.join(", ", issueIds.stream().map(c -> "?").toList());
        final String sql = "SELECT issue_id, lat, lon FROM resident_reports WHERE issue_id IN (" + marks + ") "
                + "ORDER BY submitted_at DESC, id DESC";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (final String id : issueIds) {
                ps.setString(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // Newest first, so the oldest report's position is the one left in the map.
                    out.put(rs.getString(1), new double[] {rs.getDouble(2), rs.getDouble(3)});
                }
            }
            return out;
        } catch (final SQLException e) {
            throw failed("read report locations", e);
        }
    }

    /** TIMESTAMP columns hold UTC wall time, as in the issue tables (see IssueRows). */
    private static LocalDateTime utc(final Instant at) {
        return LocalDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(final LocalDateTime t) {
        return t == null ? null : t.toInstant(ZoneOffset.UTC);
    }

    private static IssueStoreException failed(final String what, final SQLException e) {
        return new IssueStoreException("cannot " + what + ": " + e.getMessage() + " (SQLState " + e.getSQLState()
                + ")", e);
    }
}
