// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Issue persistence over JDBC (H2 in PostgreSQL mode, or PostgreSQL); with {@link JdbcIssueTransaction} the only
 * place with SQL.
 *
 * <p>Writes run as work inside one transaction ({@link #inTransaction}); {@link #openOrMerge} adds the race-safe
 * "insert or merge" on the unique open key. Thread-safe: every call takes its own pooled connection, so reads may
 * run on any thread while the issue worker writes.
 */
public final class JdbcIssueStore {
    /** An open-key conflict means another writer won; the retry finds and merges into its issue. */
    static final int MAX_OPEN_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcIssueStore.class);

    private final DataSource dataSource;

    /** Work to run inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * @param tx the transaction, valid only during this call
         * @return the result
         */
        T run(JdbcIssueTransaction tx);
    }

    /** Work on an open issue, locked for the duration of the transaction. */
    @FunctionalInterface
    public interface MergeWork<T> {
        /**
         * @param tx   the transaction, valid only during this call
         * @param open the open issue as locked
         * @return the result
         */
        T run(JdbcIssueTransaction tx, IssueSummary open);
    }

    /**
     * @param dataSource pooled connections to a migrated database ({@link IssueDatabase#dataSource()}), never null
     */
    public JdbcIssueStore(final DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null.");
    }

    /**
     * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
     *
     * @param work the work, never null
     * @param <T>  result type
     * @return what the work returned
     * @throws IssueStoreException on a database error, or whatever the work threw
     */
    public <T> T inTransaction(final Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                final T result = work.run(new JdbcIssueTransaction(c));
                c.commit();
                return result;
            } catch (final SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("run an issue transaction", e);
        }
    }

    /**
     * Insert or merge on the open key, race-safe across threads and gateway instances: if an open issue holds
     * {@code openKey}, it is locked and {@code onPresent} runs; otherwise {@code onAbsent} runs and inserts one. If
     * that insert loses against a concurrent writer (unique violation), the transaction is rolled back and the
     * whole decision is retried, now finding the winner's issue. The database, not this process, decides.
     *
     * @param openKey   the open key ({@link AnomalyProcessor#openKey}), never null
     * @param onAbsent  work that opens the issue, never null
     * @param onPresent work that merges into the locked open issue, never null
     * @param <T>       result type
     * @return the result of whichever work committed
     * @throws IssueStoreException on a database error or after {@value #MAX_OPEN_ATTEMPTS} lost races
     */
    public <T> T openOrMerge(final String openKey, final Work<T> onAbsent, final MergeWork<T> onPresent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(tx -> {
                    final Optional<IssueSummary> open = tx.lockOpen(openKey);
                    return open.isPresent() ? onPresent.run(tx, open.get()) : onAbsent.run(tx);
                });
            } catch (final OpenIssueConflictException e) {
                if (attempt >= MAX_OPEN_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("Lost the race to open {} (attempt {}); merging instead", openKey, attempt);
            }
        }
    }

    /**
     * Runs {@code onPresent} on the locked open issue holding {@code openKey}, or {@code onAbsent} (outside any
     * transaction) when there is none.
     *
     * @param openKey   the open key, never null
     * @param onPresent work on the locked issue, never null
     * @param onAbsent  result when there is no open issue, never null
     * @param <T>       result type
     * @return the result
     */
    public <T> T withOpenIssue(final String openKey, final MergeWork<T> onPresent, final Supplier<T> onAbsent) {
        final Optional<T> result = inTransaction(tx -> tx.lockOpen(openKey).map(open -> onPresent.run(tx, open)));
        return result.orElseGet(onAbsent);
    }

    /** @param event the event to append in its own transaction, never null */
    public void appendEvent(final TimelineEvent event) {
        inTransaction(tx -> {
            tx.appendEvent(event);
            return null;
        });
    }

    /**
     * Moves an issue to another state in its own transaction (see {@link JdbcIssueTransaction#updateState}).
     *
     * @param issueId the issue, never null
     * @param from    expected current state, never null
     * @param to      new state, never null
     * @param at      time of the change, never null
     */
    public void updateState(final String issueId, final IssueState from, final IssueState to, final Instant at) {
        inTransaction(tx -> {
            tx.updateState(issueId, from, to, at);
            return null;
        });
    }

    /**
     * Lists issues, newest first.
     *
     * @param query filters and page, never null
     * @return at most {@code query.limit()} issues
     */
    public List<IssueSummary> list(final IssueQuery query) {
        final StringBuilder sql = new StringBuilder("SELECT " + IssueRows.ISSUE_COLUMNS + " FROM issues i WHERE 1 = 1");
        final List<Object> args = new ArrayList<>();
        filter(sql, args, " AND i.state = ?", query.state() == null ? null : query.state().name());
        filter(sql, args, " AND i.category = ?", query.category());
        filter(sql, args, " AND i.community = ?", query.community());
        filter(sql, args, " AND EXISTS (SELECT 1 FROM assignments a WHERE a.issue_id = i.id AND a.body_id = ?)",
                query.bodyId());
        sql.append(" ORDER BY i.opened_at DESC, i.id DESC LIMIT ? OFFSET ?");
        args.add(query.limit());
        args.add(query.offset());
        return select(sql.toString(), args, IssueRows::summary);
    }

    /**
     * Open issues of some categories that concern a device (the fleet page's flags). Open means every state but the
     * ones {@link IssueState#isOpen} excludes.
     *
     * @param categories category codes, never null; empty gives an empty list
     * @return the issues, by device id, then opening time
     */
    public List<IssueSummary> listOpenDeviceIssues(final Collection<String> categories) {
        if (categories.isEmpty()) {
            return List.of();
        }
        final List<Object> args = new ArrayList<>(categories);
        final List<String> closed = Arrays.stream(IssueState.values()).filter(s -> !s.isOpen()).map(Enum::name)
                .toList();
        args.addAll(closed);
        return select("SELECT " + IssueRows.ISSUE_COLUMNS + " FROM issues WHERE device_id IS NOT NULL AND category IN ("
                + marks(categories.size()) + ") AND state NOT IN (" + marks(closed.size()) + ")"
                + " ORDER BY device_id, opened_at", args, IssueRows::summary);
    }

    private static String marks(final int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /**
     * @param id issue id, never null
     * @return the issue with assignments (lead first) and timeline (in order), or empty if unknown
     */
    public Optional<IssueDetail> find(final String id) {
        final List<IssueSummary> issue = select("SELECT " + IssueRows.ISSUE_COLUMNS + " FROM issues WHERE id = ?",
                List.of(id), IssueRows::summary);
        if (issue.isEmpty()) {
            return Optional.empty();
        }
        final List<Assignment> assignments = select("SELECT * FROM assignments WHERE issue_id = ? "
                + "ORDER BY CASE WHEN role = 'LEAD' THEN 0 ELSE 1 END, id", List.of(id), IssueRows::assignment);
        final List<TimelineEvent> timeline = select("SELECT * FROM timeline_events WHERE issue_id = ? ORDER BY id",
                List.of(id), IssueRows::event);
        return Optional.of(new IssueDetail(issue.get(0), assignments, timeline));
    }

    /**
     * @param openKey the open key, never null
     * @return the open issue holding it, without locking, or empty
     */
    public Optional<IssueSummary> findOpen(final String openKey) {
        return select("SELECT " + IssueRows.ISSUE_COLUMNS + " FROM issues WHERE open_key = ?", List.of(openKey),
                IssueRows::summary).stream().findFirst();
    }

    private static void filter(final StringBuilder sql, final List<Object> args, final String clause,
                               final String value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    /** Maps one row; may throw SQLException. */
    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> select(final String sql, final List<Object> args, final RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            final List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(mapper.map(rs));
                }
            }
            return out;
        } catch (final SQLException e) {
            throw JdbcIssueTransaction.failed("query issues", e);
        }
    }

    private static void rollbackQuietly(final Connection c, final Exception cause) {
        try {
            c.rollback();
        } catch (final SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
