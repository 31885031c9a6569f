// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * The gateway's report that a device's MQTT connection was accepted (CONNACK sent).
 *
 * <p>Immutable and transient, like {@link ConnectionLost}: the session inserts it only for a device it knows, fires
 * the rules and deletes it again. DV-05 (connection flapping) measures its quiet period from it.
 *
 * @param deviceId device id, never null
 * @param atMillis when the connection was accepted, in epoch milliseconds on the gateway's clock
 */
public record Connected(String deviceId, long atMillis) implements LinkEvent {

    /** @throws NullPointerException if the id is null */
    public Connected {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
    }
}
