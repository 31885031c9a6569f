// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.util.Objects;

/**
 * The Last Will a device leaves with the gateway: published for it when its connection ends without DISCONNECT.
 *
 * @param topic where the will goes (the gateway puts every device's will on its status topic anyway)
 * @param payload the will's payload
 * @param qos 0 or 1
 */
public record WillMessage(String topic, byte[] payload, int qos) {

    /** @throws NullPointerException if topic or payload is null */
    public WillMessage {
        Objects.requireNonNull(topic, "topic must not be null.");
        Objects.requireNonNull(payload, "payload must not be null.");
        if (qos != 0 && qos != 1) {
            throw new IllegalArgumentException("will qos must be 0 or 1, was " + qos);
        }
    }
}
