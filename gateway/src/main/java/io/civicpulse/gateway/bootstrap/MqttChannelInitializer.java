// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bootstrap;

import io.civicpulse.gateway.mqtt.MqttConnectionHandler;
import io.civicpulse.gateway.mqtt.MqttFrameGuard;
import io.civicpulse.gateway.mqtt.MqttServices;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;

/**
 * Builds each MQTT connection's pipeline in protocol order: TLS (on the TLS listener), frame guard, decoder,
 * encoder, the connection handler, and the exception handler last. The keep-alive idle handler is added in front of the
 * connection handler once CONNECT says how long the keep alive is.
 */
public final class MqttChannelInitializer extends ChannelInitializer<SocketChannel> {
    /** Pipeline name of the TLS handler. */
    public static final String TLS = "tls";
    /** Pipeline name of the decoder. */
    public static final String DECODER = "decoder";
    /** Pipeline name of the encoder. */
    public static final String ENCODER = "encoder";

    private final MqttServices services;
    private final SslContext ssl;

    /** @param services shared by every connection */
    public MqttChannelInitializer(final MqttServices services) {
        this(services, null);
    }

    /**
     * @param services shared by every connection
     * @param ssl      the TLS context of the TLS listener, or null for plain TCP
     */
    public MqttChannelInitializer(final MqttServices services, final SslContext ssl) {
        this.services = services;
        this.ssl = ssl;
    }

    @Override
    protected void initChannel(final SocketChannel ch) {
        final ChannelPipeline p = ch.pipeline();
        if (ssl != null) {
            // TLS first: everything after it sees plain MQTT bytes.
            p.addLast(TLS, ssl.newHandler(ch.alloc()));
        }
        // The guard hands the decoder only whole, valid packets; an oversized one is refused by its header.
        p.addLast(MqttFrameGuard.NAME, new MqttFrameGuard(services.config().maxPacketBytes()));
        // Size limits go to the decoder so an oversized packet is refused while it is read, not after buffering.
        p.addLast(DECODER, new MqttDecoder(services.config().maxPacketBytes(), services.config().maxClientIdLength()));
        p.addLast(ENCODER, MqttEncoder.INSTANCE);
        p.addLast(MqttConnectionHandler.NAME, new MqttConnectionHandler(services));
        p.addLast(ExceptionHandler.NAME, ExceptionHandler.INSTANCE);
    }
}
