// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.auth;

/** A refused sign-in or request: 401 (who are you?) or 403 (not allowed). The message names what was wrong. */
public final class AuthException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status  401 or 403
     * @param message what was wrong, shown to the caller
     */
    public AuthException(final int status, final String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return the HTTP status, 401 or 403 */
    public int status() {
        return status;
    }

    /**
     * @param message what was missing or wrong
     * @return a 401
     */
    public static AuthException unauthenticated(final String message) {
        return new AuthException(401, message);
    }

    /**
     * @param message what is not allowed
     * @return a 403
     */
    public static AuthException forbidden(final String message) {
        return new AuthException(403, message);
    }
}
