// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.sql.Connection;
import java.util.Objects;

/**
 * Lets another feature (resident reports) write issue rows inside a transaction it owns, so that its own rows and
 * the issue change commit or roll back together. The caller owns the connection, its auto-commit setting, commit
 * and rollback.
 */
public final class IssueTransactions {
    private IssueTransactions() {
    }

    /**
     * @param connection a connection with auto-commit off, never null
     * @return issue writes on that connection, valid while the caller's transaction lasts
     * @throws NullPointerException if {@code connection} is null
     */
    public static JdbcIssueTransaction on(final Connection connection) {
        return new JdbcIssueTransaction(Objects.requireNonNull(connection, "connection must not be null."));
    }

    /**
     * @param e a failure of a transaction that inserted an issue
     * @return true if it lost the race for an open key (another writer opened the same device and category first);
     *         the caller should retry and will then find that issue
     */
    public static boolean isOpenKeyConflict(final RuntimeException e) {
        return e instanceof OpenIssueConflictException;
    }
}
