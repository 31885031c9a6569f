// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * The gateway's report that a device's connection dropped without DISCONNECT (it published the device's MQTT Last
 * Will).
 *
 * <p>Immutable and transient, like a reading: the session inserts it only for a device it knows, fires the rules
 * and deletes it again, so it never stays in working memory. The DV-01 rules turn it into an {@link Offline}; DV-05
 * (connection flapping) counts it in the device's {@link LinkTally}.
 *
 * @param deviceId device id, never null
 * @param atMillis when the connection was lost, in epoch milliseconds on the gateway's clock (as reported, not yet
 *                 limited to the session clock or the device's last reading)
 */
public record ConnectionLost(String deviceId, long atMillis) implements LinkEvent {

    /** @throws NullPointerException if the id is null */
    public ConnectionLost {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
    }
}
