// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that closes connections on the gateway's initiative: it logs why (once), counts it and, for
 * MQTT 5 clients, first sends a DISCONNECT with the reason code and reason string.
 */
public final class Disconnector {
    private static final Logger LOG = LoggerFactory.getLogger(Disconnector.class);

    private final MeterRegistry registry;

    /** @param registry meters */
    public Disconnector(final MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param channel    the connection
     * @param who        client id or remote address, for the log
     * @param mqtt5      whether to send a DISCONNECT packet first
     * @param reasonCode MQTT 5 DISCONNECT reason code
     * @param reason     why, in words
     * @param tag        bounded metric tag, e.g. {@code keepalive}
     */
    public void disconnect(final Channel channel, final String who, final boolean mqtt5, final byte reasonCode,
                           final String reason, final String tag) {
        registry.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", tag).increment();
        LOG.info("Closing connection of {} ({}): {}", who, channel.remoteAddress(), reason);
        if (mqtt5 && channel.isActive()) {
            final MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(
                    MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
            channel.writeAndFlush(MqttMessageBuilders.disconnect().reasonCode(reasonCode).properties(props).build())
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }
}
