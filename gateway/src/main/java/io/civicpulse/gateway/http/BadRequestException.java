// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

/** A request parameter that cannot be used; the {@link HttpApi} answers it with HTTP 400 and the message. */
public final class BadRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong, naming the parameter */
    public BadRequestException(final String message) {
        super(message, null, false, false);
    }
}
