// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

/** The journal cannot be read (the issue database is down or refuses the query); answered with HTTP 503. */
public final class JournalException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be read
     * @param cause   the database's error
     */
    public JournalException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
