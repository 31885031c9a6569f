// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

/**
 * A transient report from the gateway about a device's MQTT connection ({@link Connected}, {@link ConnectionLost}):
 * what DV-05 (connection flapping) counts. Implementations are immutable.
 */
public interface LinkEvent {

    /** @return the device id, never null */
    String deviceId();

    /** @return when it happened, in epoch milliseconds on the gateway's clock */
    long atMillis();
}
