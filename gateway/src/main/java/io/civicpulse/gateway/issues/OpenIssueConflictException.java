// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * Another transaction (this or another gateway instance) opened an issue with the same open key first: the
 * unique constraint refused ours. {@link JdbcIssueStore#openOrMerge} retries and merges into that issue.
 */
final class OpenIssueConflictException extends IssueStoreException {
    private static final long serialVersionUID = 1L;

    OpenIssueConflictException(final String openKey, final Throwable cause) {
        super("an open issue already exists for " + openKey, cause);
    }
}
