// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.util.concurrent.ScheduledExecutorService;

/** Creates the Paho client of the requested protocol behind {@link DeviceConnection}. */
public final class DeviceConnections {

    private DeviceConnections() {
    }

    /**
     * A new, not yet connected client.
     *
     * @param pingScheduler shared scheduler for keep-alive pings (short tasks only)
     * @throws IllegalArgumentException if Paho rejects the settings (e.g. an unusable client id or URI)
     */
    public static DeviceConnection create(final MqttProtocol protocol, final ConnectionSettings settings,
                                          final ConnectionListener listener,
                                          final ScheduledExecutorService pingScheduler) {
        try {
            return switch (protocol) {
                case V5 -> new PahoV5Connection(settings, listener, pingScheduler);
                case V3 -> new PahoV3Connection(settings, listener, pingScheduler);
            };
        } catch (final org.eclipse.paho.mqttv5.common.MqttException | org.eclipse.paho.client.mqttv3.MqttException e) {
            throw new IllegalArgumentException("cannot create an MQTT " + protocol.label() + " client for "
                    + settings.clientId() + ": " + MqttErrors.describe(e), e);
        }
    }

    /**
     * A new, not yet connected client of {@code kind}: Paho (its own threads, pings on {@code pingScheduler})
     * or Netty (on {@code group}, which must not be null then).
     *
     * @throws IllegalArgumentException if the client cannot be created
     */
    public static DeviceConnection create(final MqttClientKind kind, final MqttProtocol protocol,
                                          final ConnectionSettings settings, final ConnectionListener listener,
                                          final ScheduledExecutorService pingScheduler,
                                          final NettyClientGroup group) {
        if (kind == MqttClientKind.NETTY) {
            return new NettyConnection(settings, protocol, listener, group);
        }
        return create(protocol, settings, listener, pingScheduler);
    }
}
