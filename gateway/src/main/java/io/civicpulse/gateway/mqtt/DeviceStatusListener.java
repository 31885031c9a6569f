// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.Device;

import java.time.Instant;

/**
 * Told when a device goes offline without saying goodbye: its connection broke or timed out (no DISCONNECT), and
 * its will — its own, or the status message the gateway writes for it — has just been published on
 * {@code cp/{community}/{type}/{id}/status} (after the MQTT 5 Will Delay Interval, if the device set one and did
 * not reconnect meanwhile). The rules use it to mark the device offline at once, and to count connection drops.
 *
 * <p>Called on the broker's timer thread or a Netty event loop: implementations must return quickly and hand
 * slow work to their own executor.
 */
@FunctionalInterface
public interface DeviceStatusListener {
    /** Does nothing. */
    DeviceStatusListener NONE = (device, at) -> { };

    /**
     * @param device the device that went offline
     * @param at     when its will was published
     */
    void onDeviceOffline(Device device, Instant at);

    /**
     * Told when the gateway's listener accepted a device's connection (after its CONNACK was written). The rules
     * measure connection flapping (DV-05) with it. Does nothing unless overridden.
     *
     * @param device the device that connected
     * @param at     when its CONNECT was accepted
     */
    default void onDeviceConnected(final Device device, final Instant at) {
        // Most listeners care only about devices going offline.
    }
}
