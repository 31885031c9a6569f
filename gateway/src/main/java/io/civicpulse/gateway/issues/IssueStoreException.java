// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** The issue database failed (unreachable, migration failed, SQL error): our failure, not bad input. */
public class IssueStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, never null
     * @param cause   underlying exception, may be null
     */
    public IssueStoreException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
