// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.timeout.IdleStateHandler;

import java.util.concurrent.TimeUnit;

/** Installs the keep-alive watchdog of an accepted connection (MQTT §3.1.2.10, MQTT 5 §3.2.2.3.14). */
final class KeepAlive {
    /** Pipeline name of the idle handler. */
    static final String NAME = "idle";

    private KeepAlive() {
    }

    /**
     * @param ctx     the connection handler's context
     * @param connect the CONNECT
     * @param config  listener settings ({@code mqtt.serverKeepAlive})
     * @param mqtt5   whether the client speaks MQTT 5 (only then can the server choose the keep alive)
     * @return the keep alive in effect, in seconds (0 = none)
     */
    static int install(final ChannelHandlerContext ctx, final MqttConnectMessage connect,
                       final GatewayConfig.Mqtt config, final boolean mqtt5) {
        final long server = config.broker().serverKeepAlive().toSeconds();
        final int keepAlive = mqtt5 && server > 0 ? (int) Math.min(server, 65_535)
                : connect.variableHeader().keepAliveTimeSeconds();
        if (keepAlive > 0) {
            // The server closes a client silent for one and a half keep-alive periods.
            ctx.pipeline().addBefore(ctx.name(), NAME,
                    new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        return keepAlive;
    }
}
