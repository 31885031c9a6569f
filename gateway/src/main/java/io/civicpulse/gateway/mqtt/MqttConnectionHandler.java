// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * One MQTT connection: checks the decode result, dispatches on the packet type and manages reference counts.
 * The decisions live in {@link ConnectService}, {@link ConnectionService}, {@link IncomingPublishService},
 * {@link SubscriptionService} and the session; this class only speaks the protocol.
 *
 * <p>Not sharable: one instance per channel, used only on that channel's event loop.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
    /** Pipeline name. */
    public static final String NAME = "mqtt";

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

    private final MqttServices services;
    private final ConnectionService connections;
    private final IncomingPublishService incoming;
    private MqttConnection conn;
    private ScheduledFuture<?> connectDeadline;
    private State state = State.AWAIT_CONNECT;
    /** How this socket was counted against {@code mqtt.limits.maxConnections}; null once uncounted. */
    private SessionRegistry.Admission admission;
    /** Packets a client sent right behind its CONNECT (allowed by §3.1.4), replayed once it is accepted. */
    private final ArrayDeque<MqttMessage> heldWhileAuthenticating = new ArrayDeque<>();

    /** @param services shared services */
    public MqttConnectionHandler(final MqttServices services) {
        this.services = services;
        this.connections = new ConnectionService(services);
        this.incoming = new IncomingPublishService(services);
    }

    @Override
    public void handlerAdded(final ChannelHandlerContext ctx) {
        conn = new MqttConnection(ctx.channel());
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) {
        // Sockets before CONNECT count against the cap too, or a flood of silent sockets could exhaust memory and
        // file descriptors while staying under it. Far over the cap the socket is closed before anything is read.
        admission = services.sessions().socketOpened(services.config().limits().maxConnections());
        if (admission == SessionRegistry.Admission.CLOSE) {
            services.broker().meters().limit("max_connections");
            state = State.CLOSED;
            ctx.close();
            return;
        }
        final long timeout = services.config().connectTimeout().toMillis();
        connectDeadline = ctx.executor().schedule(() -> {
            if (state != State.CONNECTED) {
                disconnect(ctx, MqttReasonCodes.Disconnect.MAXIMUM_CONNECT_TIME.byteValue(),
                        "no CONNECT within " + timeout + " ms", "connect_timeout");
            }
        }, timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(final ChannelHandlerContext ctx) {
        if (admission != null && admission != SessionRegistry.Admission.CLOSE) {
            admission = null;
            services.sessions().socketClosed();
        }
        if (connectDeadline != null) {
            connectDeadline.cancel(false);
        }
        connections.closed(conn);
        releaseHeld();
        state = State.CLOSED;
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(final ChannelHandlerContext ctx, final Object msg) {
        if (state == State.AUTHENTICATING && msg instanceof MqttMessage held
                && !held.decoderResult().isFailure()) {
            heldWhileAuthenticating.add(held);
            return;
        }
        try {
            if (!(msg instanceof MqttMessage message)) {
                return;
            }
            if (message.decoderResult().isFailure()) {
                handleDecodeFailure(ctx, message.decoderResult().cause());
                return;
            }
            dispatch(ctx, message);
        } catch (final ProtocolException e) {
            disconnect(ctx, e.reasonCode(), e.getMessage(), e.tag());
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void replayHeld(final ChannelHandlerContext ctx) {
        while (!heldWhileAuthenticating.isEmpty() && state == State.CONNECTED) {
            channelRead(ctx, heldWhileAuthenticating.poll());
        }
        releaseHeld();
    }

    private void releaseHeld() {
        while (!heldWhileAuthenticating.isEmpty()) {
            ReferenceCountUtil.release(heldWhileAuthenticating.poll());
        }
    }

    private void dispatch(final ChannelHandlerContext ctx, final MqttMessage message) throws ProtocolException {
        final var type = message.fixedHeader().messageType();
        if (state != State.CONNECTED && type != io.netty.handler.codec.mqtt.MqttMessageType.CONNECT) {
            throw new ProtocolException(MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(),
                    type + " before CONNECT was accepted", "protocol_error");
        }
        switch (type) {
            case CONNECT -> handleConnect(ctx, (MqttConnectMessage) message);
            case PUBLISH -> incoming.handlePublish(ctx, conn, (MqttPublishMessage) message);
            case PUBACK -> conn.session().pubAck(packetId(message));
            case PUBREC -> conn.session().pubRec(packetId(message), reasonCode(message));
            case PUBREL -> incoming.handlePubRel(ctx, conn, packetId(message));
            case PUBCOMP -> conn.session().pubComp(packetId(message));
            case SUBSCRIBE -> ctx.writeAndFlush(services.subscriptions().subscribe(conn,
                    (MqttSubscribeMessage) message));
            case UNSUBSCRIBE -> ctx.writeAndFlush(services.subscriptions().unsubscribe(conn,
                    (MqttUnsubscribeMessage) message));
            case PINGREQ -> ctx.writeAndFlush(MqttMessage.PINGRESP);
            case DISCONNECT -> {
                connections.clientDisconnected(conn, message);
                ctx.close();
            }
            default -> throw new ProtocolException(MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(),
                    "unexpected " + type + " from a client", "protocol_error");
        }
    }

    private static int packetId(final MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    private static byte reasonCode(final MqttMessage m) {
        return m.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() : 0;
    }

    private void handleConnect(final ChannelHandlerContext ctx, final MqttConnectMessage connect)
            throws ProtocolException {
        if (state != State.AWAIT_CONNECT) {
            // A second CONNECT is a protocol violation (MQTT 3.1.1 §3.1.0-2, MQTT 5 §3.1.0-2).
            throw new ProtocolException(MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(), "second CONNECT",
                    "protocol_error");
        }
        final int level = connect.variableHeader().version();
        conn.mqtt5(level == MqttVersion.MQTT_5.protocolLevel());
        if (level != MqttVersion.MQTT_3_1_1.protocolLevel() && !conn.mqtt5()) {
            refuseConnect(ctx, ConnectOutcome.UNSUPPORTED_PROTOCOL, "protocol level " + level
                    + " is not supported; use MQTT 3.1.1 (4) or 5");
            return;
        }
        conn.clientId(connect.payload().clientIdentifier());
        if (admission == SessionRegistry.Admission.OVER_CAP && !services.sessions().contains(conn.clientId())) {
            // Refused before the password check: a flood must not keep the bcrypt threads busy.
            services.broker().meters().limit("max_connections");
            refuseConnect(ctx, ConnectOutcome.TOO_MANY_CONNECTIONS, services.config().limits().maxConnections()
                    + " connections are open (mqtt.limits.maxConnections); retry later");
            return;
        }
        state = State.AUTHENTICATING;
        ctx.channel().config().setAutoRead(false);
        services.connects().authenticate(conn.clientId(), connect.payload().userName(),
                connect.payload().passwordInBytes(), ClientCertificates.remoteHost(ctx.channel()),
                ClientCertificates.deviceId(ctx.channel())).whenComplete((decision, error) ->
                ctx.executor().execute(() -> {
                    // The CONNECT holds no buffers (netty-codec-mqtt copies its payload), so it may be kept.
                    if (error != null) {
                        refuseConnect(ctx, ConnectOutcome.SERVER_BUSY, "authentication failed: " + error);
                    } else {
                        finishConnect(ctx, connect, decision);
                    }
                }));
    }

    private void finishConnect(final ChannelHandlerContext ctx, final MqttConnectMessage connect,
                               final ConnectDecision decision) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!decision.accepted()) {
            refuseConnect(ctx, decision.outcome(), decision.reason());
            return;
        }
        connectDeadline.cancel(false);
        final ConnectDecision refusal = connections.accept(ctx, conn, connect, decision);
        if (refusal != null) {
            refuseConnect(ctx, refusal.outcome(), refusal.reason());
            return;
        }
        state = State.CONNECTED;
        services.registry().counter(GatewayMetrics.MQTT_CONNECTS, "outcome", ConnectOutcome.ACCEPTED.tag())
                .increment();
        ctx.channel().config().setAutoRead(true);
        replayHeld(ctx);
    }

    private void refuseConnect(final ChannelHandlerContext ctx, final ConnectOutcome outcome, final String reason) {
        services.registry().counter(GatewayMetrics.MQTT_CONNECTS, "outcome", outcome.tag()).increment();
        LOG.info("Refused CONNECT of '{}' from {}: {}", conn.clientId(), ctx.channel().remoteAddress(), reason);
        state = State.CLOSED;
        releaseHeld();
        ctx.writeAndFlush(ConnAcks.refused(conn.mqtt5(), outcome, reason)).addListener(ChannelFutureListener.CLOSE);
    }

    private void handleDecodeFailure(final ChannelHandlerContext ctx, final Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            refuseConnect(ctx, ConnectOutcome.UNSUPPORTED_PROTOCOL, "unsupported protocol: " + cause.getMessage());
        } else if (cause instanceof MqttIdentifierRejectedException) {
            conn.mqtt5(ctx.channel().attr(ConnectionService.CODEC_VERSION).get() == MqttVersion.MQTT_5);
            refuseConnect(ctx, ConnectOutcome.UNKNOWN_CLIENT, "client id rejected: " + cause.getMessage());
        } else if (cause instanceof PacketViolation violation) {
            disconnect(ctx, violation.reasonCode(), violation.getMessage(), violation.tag());
        } else if (cause instanceof TooLongFrameException) {
            disconnect(ctx, MqttReasonCodes.Disconnect.PACKET_TOO_LARGE.byteValue(), "packet larger than "
                    + services.config().maxPacketBytes() + " bytes (mqtt.maxPacketBytes)", "packet_too_large");
        } else {
            disconnect(ctx, MqttReasonCodes.Disconnect.MALFORMED_PACKET.byteValue(),
                    "malformed packet: " + cause.getMessage(), "malformed_packet");
        }
    }

    @Override
    public void userEventTriggered(final ChannelHandlerContext ctx, final Object evt) {
        if (evt instanceof IdleStateEvent) {
            disconnect(ctx, MqttReasonCodes.Disconnect.KEEP_ALIVE_TIMEOUT.byteValue(),
                    "no packet within 1.5 x keep alive", "keepalive");
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void disconnect(final ChannelHandlerContext ctx, final byte reasonCode, final String reason,
                            final String tag) {
        final boolean sendDisconnect = conn.mqtt5() && state == State.CONNECTED;
        state = State.CLOSED;
        conn.closeReason(reason);
        services.disconnector().disconnect(ctx.channel(), conn.clientId() == null ? "(no CONNECT)"
                : conn.clientId(), sendDisconnect, reasonCode, reason, tag);
    }

    private enum State { AWAIT_CONNECT, AUTHENTICATING, CONNECTED, CLOSED }
}
