// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

/**
 * A payload that is not a valid reading. Bad device input, not our failure: no stack trace is filled in.
 */
public final class PayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message names the field and what was wrong, e.g. {@code "metrics.fill_pct: not a number"} */
    public PayloadException(final String message) {
        super(message, null, false, false);
    }
}
