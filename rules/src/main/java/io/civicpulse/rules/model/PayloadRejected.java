// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * The gateway's report that it refused a payload of a registered device as invalid (it did not decode, a field was
 * missing or out of range, its time lay too far in the future).
 *
 * <p>Immutable and transient, like a reading: the session inserts it only for a device it knows, fires the rules and
 * deletes it again. DV-04 (schema violations) counts it in the device's {@link RejectionTally}.
 *
 * @param deviceId device id, never null
 * @param atMillis when the payload was refused, in epoch milliseconds on the gateway's clock
 * @param reason   why, in words (the refusal's reason string), never null
 */
public record PayloadRejected(String deviceId, long atMillis, String reason) {

    /** @throws NullPointerException if the id or the reason is null */
    public PayloadRejected {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(reason, "reason must not be null.");
    }
}
