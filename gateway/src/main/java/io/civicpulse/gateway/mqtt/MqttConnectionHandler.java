// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.ingest.IngestOutcome;
import io.civicpulse.gateway.ingest.IngestResult;
import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.registry.Device;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttIdentifierRejectedException;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnacceptableProtocolVersionException;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One MQTT connection: checks the decode result, dispatches on the packet type and manages reference counts.
 * The decisions live in {@link ConnectService}, {@link io.civicpulse.gateway.ingest.PublishService} and
 * {@link SubscriptionService}; this class only speaks the protocol.
 *
 * <p>Not sharable: one instance per channel, used only on that channel's event loop.
 */
public final class MqttConnectionHandler extends ChannelInboundHandlerAdapter {
    /** Pipeline name. */
    public static final String NAME = "mqtt";
    /** The attribute where netty-codec-mqtt keeps the negotiated protocol version. */
    private static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnectionHandler.class);

    /** Source of unique session keys for clients that send an empty client id. */
    private static final AtomicLong ASSIGNED_IDS = new AtomicLong();

    private final MqttServices services;
    private ScheduledFuture<?> connectDeadline;
    private State state = State.AWAIT_CONNECT;
    private boolean mqtt5;
    private String clientId;
    private ClientIdentity identity;
    private final AckSequencer acks = new AckSequencer();
    /** The key this connection holds in the session registry, once accepted. */
    private String sessionKey;
    /** Packets a client sent right behind its CONNECT (allowed by §3.1.4), replayed once it is accepted. */
    private final ArrayDeque<MqttMessage> heldWhileAuthenticating = new ArrayDeque<>();

    /** @param services shared services */
    public MqttConnectionHandler(final MqttServices services) {
        this.services = services;
    }

    @Override
    public void channelActive(final ChannelHandlerContext ctx) {
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
        if (connectDeadline != null) {
            connectDeadline.cancel(false);
        }
        if (sessionKey != null) {
            services.sessions().unregister(sessionKey, ctx.channel());
        }
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

    private void dispatch(final ChannelHandlerContext ctx, final MqttMessage message) {
        final MqttMessageType type = message.fixedHeader().messageType();
        if (state != State.CONNECTED && type != MqttMessageType.CONNECT) {
            disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(),
                    type + " before CONNECT was accepted", "protocol_error");
            return;
        }
        switch (type) {
            case CONNECT -> handleConnect(ctx, (MqttConnectMessage) message);
            case PUBLISH -> handlePublish(ctx, (MqttPublishMessage) message);
            case PUBACK -> {
                // An alert subscriber acknowledged a QoS 1 delivery; nothing is kept to retry yet.
            }
            case SUBSCRIBE -> handleSubscribe(ctx, (MqttSubscribeMessage) message);
            case UNSUBSCRIBE -> handleUnsubscribe(ctx, (MqttUnsubscribeMessage) message);
            case PINGREQ -> ctx.writeAndFlush(MqttMessage.PINGRESP);
            case DISCONNECT -> ctx.close();
            default -> disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(),
                    "unexpected " + type + " from a client", "protocol_error");
        }
    }

    private void handleConnect(final ChannelHandlerContext ctx, final MqttConnectMessage connect) {
        if (state != State.AWAIT_CONNECT) {
            // A second CONNECT is a protocol violation (MQTT 3.1.1 §3.1.0-2, MQTT 5 §3.1.0-2).
            disconnect(ctx, MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(), "second CONNECT",
                    "protocol_error");
            return;
        }
        final int level = connect.variableHeader().version();
        mqtt5 = level == MqttVersion.MQTT_5.protocolLevel();
        if (level != MqttVersion.MQTT_3_1_1.protocolLevel() && !mqtt5) {
            refuseConnect(ctx, ConnectOutcome.UNSUPPORTED_PROTOCOL, "protocol level " + level
                    + " is not supported; use MQTT 3.1.1 (4) or 5");
            return;
        }
        clientId = connect.payload().clientIdentifier();
        state = State.AUTHENTICATING;
        ctx.channel().config().setAutoRead(false);
        final int keepAlive = connect.variableHeader().keepAliveTimeSeconds();
        services.connects().authenticate(clientId, connect.payload().userName(), connect.payload().passwordInBytes())
                .whenComplete((decision, error) -> ctx.executor().execute(() -> {
                    if (error != null) {
                        refuseConnect(ctx, ConnectOutcome.SERVER_BUSY, "authentication failed: " + error);
                    } else {
                        finishConnect(ctx, decision, keepAlive);
                    }
                }));
    }

    private void finishConnect(final ChannelHandlerContext ctx, final ConnectDecision decision, final int keepAlive) {
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!decision.accepted()) {
            refuseConnect(ctx, decision.outcome(), decision.reason());
            return;
        }
        identity = decision.identity();
        state = State.CONNECTED;
        connectDeadline.cancel(false);
        // An empty client id is a fresh, unique session (MQTT 3.1.1 §3.1.3-6, MQTT 5 §3.1.3.1).
        final boolean assigned = clientId.isEmpty();
        sessionKey = assigned ? "auto-" + ASSIGNED_IDS.incrementAndGet() : clientId;
        final var previous = services.sessions().register(sessionKey, ctx.channel());
        if (previous != null && previous != ctx.channel()) {
            services.disconnector().disconnect(previous, clientId, previous.attr(CODEC_VERSION).get()
                    == MqttVersion.MQTT_5, MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER.byteValue(),
                    "session taken over by a new connection with the same client id", "takeover");
        }
        if (keepAlive > 0) {
            // MQTT §3.1.2.10: the server closes a client silent for one and a half keep-alive periods.
            ctx.pipeline().addBefore(NAME, "idle",
                    new IdleStateHandler(keepAlive * 1500L, 0, 0, TimeUnit.MILLISECONDS));
        }
        services.registry().counter(GatewayMetrics.MQTT_CONNECTS, "outcome", ConnectOutcome.ACCEPTED.tag())
                .increment();
        ctx.writeAndFlush(connAck(ConnectOutcome.ACCEPTED, "", assigned ? sessionKey : null));
        ctx.channel().config().setAutoRead(true);
        replayHeld(ctx);
    }

    private void refuseConnect(final ChannelHandlerContext ctx, final ConnectOutcome outcome, final String reason) {
        services.registry().counter(GatewayMetrics.MQTT_CONNECTS, "outcome", outcome.tag()).increment();
        LOG.info("Refused CONNECT of '{}' from {}: {}", clientId, ctx.channel().remoteAddress(), reason);
        state = State.CLOSED;
        releaseHeld();
        ctx.writeAndFlush(connAck(outcome, reason, null)).addListener(ChannelFutureListener.CLOSE);
    }

    private MqttConnAckMessage connAck(final ConnectOutcome outcome, final String reason,
                                       final String assignedClientId) {
        final MqttConnectReturnCode code = outcome.code(mqtt5);
        if (!mqtt5) {
            return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build();
        }
        return MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).properties(p -> {
            if (outcome == ConnectOutcome.ACCEPTED) {
                // Receive Maximum stays ≤ 32767: Paho v5 1.2.5 reads it as a signed short (FACTS.md).
                p.receiveMaximum(services.config().receiveMaximum())
                        .maximumQos((byte) 1)
                        .maximumPacketSize(services.config().maxPacketBytes())
                        .sharedSubscriptionAvailable(false)
                        .subscriptionIdentifiersAvailable(false)
                        .wildcardSubscriptionAvailable(true);
                if (assignedClientId != null) {
                    p.assignedClientId(assignedClientId);
                }
            } else {
                p.reasonString(reason);
            }
        }).build();
    }

    private void handlePublish(final ChannelHandlerContext ctx, final MqttPublishMessage publish) {
        final MqttQoS qos = publish.fixedHeader().qosLevel();
        if (qos == MqttQoS.EXACTLY_ONCE) {
            disconnect(ctx, MqttReasonCodes.Disconnect.QOS_NOT_SUPPORTED.byteValue(),
                    "QoS 2 is not supported; the gateway grants at most QoS 1", "qos_not_supported");
            return;
        }
        if (qos == MqttQoS.AT_LEAST_ONCE && acks.inFlight() >= services.config().receiveMaximum()) {
            disconnect(ctx, MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED.byteValue(), "more than "
                    + services.config().receiveMaximum() + " unacknowledged QoS 1 messages", "receive_maximum");
            return;
        }
        final int packetId = publish.variableHeader().packetId();
        final AckSequencer.Slot slot = qos == MqttQoS.AT_LEAST_ONCE ? acks.reserve() : null;
        final Device device = identity instanceof ClientIdentity.DeviceClient d ? d.device() : null;
        final byte[] payload = ByteBufUtil.getBytes(publish.payload());
        services.publishes().processPublish(identity.name(), device, publish.variableHeader().topicName(), payload,
                result -> {
                    if (slot != null) {
                        ctx.executor().execute(() -> acks.complete(ctx, slot, pubAck(packetId, result)));
                    }
                });
    }

    /** @return the PUBACK for a result, or null to close the connection so an MQTT 3.1.1 client resends */
    private MqttMessage pubAck(final int packetId, final IngestResult result) {
        if (!mqtt5) {
            final IngestOutcome o = result.outcome();
            // 3.1.1 cannot refuse: a reading we could not take (full lane, store down) must not be acknowledged,
            // so the connection is closed and the client resends. Bad input is acknowledged and ledgered instead,
            // or the device would resend it forever.
            if (o == IngestOutcome.OVERLOADED || o == IngestOutcome.STORE_FAILED) {
                return null;
            }
            return MqttMessageBuilders.pubAck().packetId(packetId).build();
        }
        final var builder = MqttMessageBuilders.pubAck().packetId(packetId).reasonCode(result.outcome().reasonCode());
        if (!result.accepted()) {
            final MqttProperties props = new MqttProperties();
            props.add(new MqttProperties.StringProperty(
                    MqttProperties.MqttPropertyType.REASON_STRING.value(), result.reason()));
            builder.properties(props);
        }
        return builder.build();
    }

    private void handleSubscribe(final ChannelHandlerContext ctx, final MqttSubscribeMessage subscribe) {
        final var subs = subscribe.payload().topicSubscriptions();
        final int[] codes = new int[subs.size()];
        for (int i = 0; i < codes.length; i++) {
            final MqttTopicSubscription sub = subs.get(i);
            if (services.subscriptions().mayRead(identity, sub.topicFilter())) {
                final MqttQoS granted = sub.qualityOfService() == MqttQoS.AT_MOST_ONCE
                        ? MqttQoS.AT_MOST_ONCE : MqttQoS.AT_LEAST_ONCE;
                services.subscriptions().subscribe(ctx.channel(), sub.topicFilter(), granted);
                codes[i] = granted.value();
            } else {
                // 3.1.1 has one failure code (0x80); MQTT 5 says why: 0x87 not authorized.
                codes[i] = mqtt5 ? MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xFF : MqttQoS.FAILURE.value();
            }
        }
        ctx.writeAndFlush(new MqttSubAckMessage(
                new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(subscribe.variableHeader().messageId(),
                        MqttProperties.NO_PROPERTIES),
                new MqttSubAckPayload(codes)));
    }

    private void handleUnsubscribe(final ChannelHandlerContext ctx, final MqttUnsubscribeMessage unsubscribe) {
        final var ack = MqttMessageBuilders.unsubAck().packetId(unsubscribe.variableHeader().messageId());
        for (final String filter : unsubscribe.payload().topics()) {
            final boolean removed = services.subscriptions().unsubscribe(ctx.channel(), filter);
            ack.addReasonCode(removed ? MqttReasonCodes.UnsubAck.SUCCESS.byteValue()
                    : MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue());
        }
        ctx.writeAndFlush(ack.build());
    }

    private void handleDecodeFailure(final ChannelHandlerContext ctx, final Throwable cause) {
        if (cause instanceof MqttUnacceptableProtocolVersionException) {
            refuseConnect(ctx, ConnectOutcome.UNSUPPORTED_PROTOCOL, "unsupported protocol: " + cause.getMessage());
        } else if (cause instanceof MqttIdentifierRejectedException) {
            mqtt5 = ctx.channel().attr(CODEC_VERSION).get() == MqttVersion.MQTT_5;
            refuseConnect(ctx, ConnectOutcome.UNKNOWN_CLIENT, "client id rejected: " + cause.getMessage());
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
        final boolean sendDisconnect = mqtt5 && state == State.CONNECTED;
        state = State.CLOSED;
        services.disconnector().disconnect(ctx.channel(), clientId == null ? "(no CONNECT)" : clientId,
                sendDisconnect, reasonCode, reason, tag);
    }

    private enum State { AWAIT_CONNECT, AUTHENTICATING, CONNECTED, CLOSED }
}
