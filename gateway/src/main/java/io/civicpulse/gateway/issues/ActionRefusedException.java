// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** A workflow command that cannot be applied; the message says why and {@link #status()} is the HTTP status. */
public final class ActionRefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    private ActionRefusedException(final int status, final String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /** @return 400, 403, 404 or 409 */
    public int status() {
        return status;
    }

    static ActionRefusedException badRequest(final String message) {
        return new ActionRefusedException(400, message);
    }

    static ActionRefusedException forbidden(final String message) {
        return new ActionRefusedException(403, message);
    }

    static ActionRefusedException notFound(final String message) {
        return new ActionRefusedException(404, message);
    }

    static ActionRefusedException conflict(final String message) {
        return new ActionRefusedException(409, message);
    }
}
