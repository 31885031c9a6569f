// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

/** A query parameter of the public API that cannot be used; answered with 400 naming it. No stack trace. */
public final class BadParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message names the parameter, its value and what is expected */
    public BadParameterException(final String message) {
        super(message, null, false, false);
    }
}
