// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** Another command (here or on another gateway instance) changed the issue first; reload and try again (409). */
public final class ConcurrentIssueChangeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param issueId  the issue
     * @param expected the version the command read
     */
    public ConcurrentIssueChangeException(final String issueId, final long expected) {
        super("issue " + issueId + " was changed by someone else (it is no longer version " + expected
                + "); reload it and try again", null, false, false);
    }
}
