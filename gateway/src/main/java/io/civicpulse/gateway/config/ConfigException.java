// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

/**
 * Configuration that cannot be used. The message names the key (or file), the value and what was expected;
 * start-up stops with it.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message names the key, the value and the expectation */
    public ConfigException(final String message) {
        super(message);
    }

    /**
     * @param message names the key or file
     * @param cause   the underlying failure
     */
    public ConfigException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
