// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

/**
 * The time-series store did not accept a write or could not answer a query: our failure, not the device's.
 *
 * <p>When a write fails, none of its readings may be assumed stored; the caller decides whether to retry, spool
 * or refuse them. {@link #isRetryable()} tells a transient failure (store unreachable, timeout, server error)
 * from a permanent one (the store refused the data itself, for example a field type conflict), which
 * repeating the same write cannot fix.
 */
public class TelemetryStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    /**
     * Creates a retryable exception.
     *
     * @param message what failed, naming the table or operation
     * @param cause   the underlying failure, may be null
     */
    public TelemetryStoreException(final String message, final Throwable cause) {
        this(message, cause, true);
    }

    /**
     * @param message   what failed, naming the table or operation
     * @param cause     the underlying failure, may be null
     * @param retryable false when repeating the same operation cannot succeed
     */
    public TelemetryStoreException(final String message, final Throwable cause, final boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** @return false when repeating the same operation with the same data cannot succeed */
    public boolean isRetryable() {
        return retryable;
    }
}
