// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bootstrap;

/**
 * The gateway cannot start; the message says what to change (a port in use names the port and the setting).
 */
public final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and what to change
     * @param cause   the underlying failure, may be null
     */
    public StartupException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
