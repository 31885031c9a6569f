// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

/**
 * The {@link TelemetryWriter} refused a submission because its queue was full or it was closing: an explicit,
 * counted rejection, never a silent drop. Nothing of the submission was written; the caller decides (refuse the
 * message so the device retries, or spool it).
 *
 * <p>Carries no stack trace: it is an expected outcome under load and is created often then.
 */
public final class WriterOverloadedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message why the submission was refused (queue full, or writer closed) */
    public WriterOverloadedException(final String message) {
        super(message, null, false, false);
    }
}
