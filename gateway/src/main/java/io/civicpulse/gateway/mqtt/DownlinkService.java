// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.Device;

import java.util.Objects;

/**
 * Sends commands to devices on {@code cp/{community}/{type}/{id}/cmd}. A device that subscribed with a persistent
 * session gets QoS 1/2 commands sent while it was offline when it reconnects.
 *
 * <p>Thread-safe.
 */
public final class DownlinkService {
    private final Broker broker;

    /** @param broker the broker that delivers the commands */
    public DownlinkService(final Broker broker) {
        this.broker = Objects.requireNonNull(broker, "broker must not be null.");
    }

    /**
     * @param device  the device
     * @param payload the command bytes (not modified afterwards)
     * @param qos     0, 1 or 2
     * @return the number of sessions the command was sent or queued to (0: the device has not subscribed)
     * @throws IllegalArgumentException when the QoS is not 0, 1 or 2
     * @throws NullPointerException     when device or payload is null
     */
    public int sendCommand(final Device device, final byte[] payload, final int qos) {
        Objects.requireNonNull(device, "device must not be null.");
        Objects.requireNonNull(payload, "payload must not be null.");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("qos must be 0, 1 or 2, not " + qos);
        }
        return broker.publish(new BrokerMessage(AccessControl.deviceTopic(device, "cmd"), payload, qos, false,
                PublishProperties.NONE, 0, BrokerMessage.GATEWAY));
    }
}
