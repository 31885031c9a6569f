// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

/** The addressed resource does not exist; answered with HTTP 404 and the message. */
final class NotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFoundException(final String message) {
        super(message, null, false, false);
    }
}
