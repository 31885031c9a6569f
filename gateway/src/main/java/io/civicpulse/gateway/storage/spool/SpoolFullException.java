// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

/**
 * The spool has no room for a frame within {@code telemetry.spool.maxBytes}: nothing of the frame was written. The
 * caller refuses the readings explicitly (MQTT 5 PUBACK 0x97, MQTT 3.1.1 no acknowledgement); never a silent drop.
 *
 * <p>Carries no stack trace: under a long outage it is an expected outcome and created often.
 */
public final class SpoolFullException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message how full the spool is and which setting bounds it */
    public SpoolFullException(final String message) {
        super(message, null, false, false);
    }
}
