// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;

import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.CompletableFuture;

/**
 * The client side of one connection: CONNACK, PUBACK, keep-alive PINGREQ on write idleness, close handling.
 * Runs on the channel's event loop.
 */
final class NettyMqttHandler extends SimpleChannelInboundHandler<MqttMessage> {

    private final NettyConnection connection;
    private final CompletableFuture<Void> connected;
    private final int keepAliveSeconds;
    private String closeReason = "connection closed by the server";

    NettyMqttHandler(final NettyConnection connection, final CompletableFuture<Void> connected,
                     final int keepAliveSeconds) {
        this.connection = connection;
        this.connected = connected;
        this.keepAliveSeconds = keepAliveSeconds;
    }

    /** The pipeline: decoder and encoder, pings when nothing was written for the keep-alive, this handler. */
    ChannelInitializer<SocketChannel> initializer(final int maxPacketBytes) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(final SocketChannel channel) {
                channel.pipeline().addLast(new MqttDecoder(maxPacketBytes), MqttEncoder.INSTANCE);
                if (keepAliveSeconds > 0) {
                    // Ping at 3/4 of the keep-alive so the server never sees a silent period that long.
                    channel.pipeline().addLast(new IdleStateHandler(0, Math.max(1, keepAliveSeconds * 3 / 4), 0));
                }
                channel.pipeline().addLast(NettyMqttHandler.this);
            }
        };
    }

    @Override
    protected void channelRead0(final ChannelHandlerContext ctx, final MqttMessage message) {
        if (message.decoderResult().isFailure()) {
            closeReason = "undecodable packet from the server: " + message.decoderResult().cause().getMessage();
            ctx.close();
            return;
        }
        switch (message.fixedHeader().messageType()) {
            case CONNACK -> connAck(ctx, (MqttConnAckMessage) message);
            case PUBACK -> pubAck(message);
            case DISCONNECT -> closeReason = "server sent DISCONNECT";
            default -> {
                // PINGRESP and anything else a publishing device does not act on.
            }
        }
    }

    private void connAck(final ChannelHandlerContext ctx, final MqttConnAckMessage ack) {
        final MqttConnectReturnCode code = ack.variableHeader().connectReturnCode();
        if (code != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            closeReason = "connection refused: " + code + " (" + (code.byteValue() & 0xFF) + ")";
            connected.completeExceptionally(new IllegalStateException(closeReason));
            ctx.close();
            return;
        }
        final MqttProperties.MqttProperty<?> receiveMaximum = ack.variableHeader().properties()
                .getProperty(MqttProperties.RECEIVE_MAXIMUM);
        connection.accepted(receiveMaximum == null ? 0 : (Integer) receiveMaximum.value());
        connected.complete(null);
    }

    private void pubAck(final MqttMessage message) {
        final Object header = message.variableHeader();
        final int reason = header instanceof MqttPubReplyMessageVariableHeader reply ? reply.reasonCode() & 0xFF : 0;
        connection.acknowledged(((MqttMessageIdVariableHeader) header).messageId(), reason);
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.writeAndFlush(new MqttMessage(new MqttFixedHeader(MqttMessageType.PINGREQ, false,
                    MqttQoS.AT_MOST_ONCE, false, 0)));
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        connected.completeExceptionally(new IllegalStateException(closeReason));
        connection.closed(ctx.channel(), closeReason);
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        closeReason = "connection error: " + cause.getMessage();
        ctx.close();
    }
}
