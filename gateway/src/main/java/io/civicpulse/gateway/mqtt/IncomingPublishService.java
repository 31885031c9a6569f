// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.ingest.IngestOutcome;
import io.civicpulse.gateway.ingest.IngestResult;
import io.civicpulse.gateway.ingest.TelemetryTopic;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/**
 * One incoming PUBLISH: {@code checkQos → resolveTopicAlias → checkRate → checkReceiveMaximum → route → ack}.
 * A device's telemetry goes through the ingest path ({@link io.civicpulse.gateway.ingest.PublishService}) exactly
 * as before and, once accepted, on to subscribers the ACL lets read it; messages the ACL allows outside ingest go
 * straight to the broker; everything else goes to the ingest path too, which refuses it with the reason and
 * records it in the ledger. QoS 1 is answered with PUBACK, QoS 2 with PUBREC (then PUBREL → PUBCOMP), always in
 * arrival order.
 *
 * <p>Runs on the connection's event loop; the ingest result arrives on a lane or writer thread.
 */
final class IncomingPublishService {
    /** DISCONNECT reason code 0x96; PUBACK and PUBREC do not allow it (MQTT 5 §3.4.2.1), they use 0x97. */
    private static final byte MESSAGE_RATE_TOO_HIGH = (byte) 0x96;
    private static final byte QUOTA_EXCEEDED = (byte) 0x97;

    private final MqttServices services;

    IncomingPublishService(final MqttServices services) {
        this.services = services;
    }

    void handlePublish(final ChannelHandlerContext ctx, final MqttConnection conn, final MqttPublishMessage publish)
            throws ProtocolException {
        final int qos = publish.fixedHeader().qosLevel().value();
        if (qos > services.config().broker().maximumQos()) {
            throw new ProtocolException(MqttReasonCodes.Disconnect.QOS_NOT_SUPPORTED.byteValue(), "QoS " + qos
                    + " is above the maximum QoS " + services.config().broker().maximumQos(), "qos_not_supported");
        }
        final String topic = TopicAliases.resolve(conn, publish, services.config().broker().topicAliasMaximum());
        final int packetId = publish.variableHeader().packetId();
        if (!conn.bucket().tryTake(System.nanoTime())) {
            refuseRate(ctx, conn, qos, packetId);
            return;
        }
        final int receiveMaximum = services.config().receiveMaximum();
        if (qos > 0 && conn.acks().inFlight() + conn.session().pendingQos2() >= receiveMaximum) {
            throw new ProtocolException(MqttReasonCodes.Disconnect.RECEIVE_MAXIMUM_EXCEEDED.byteValue(),
                    "more than " + receiveMaximum + " unacknowledged QoS 1/2 messages", "receive_maximum");
        }
        if (qos == 2 && !conn.session().receiveQos2(packetId)) {
            // A resend of a QoS 2 message already received: acknowledge again, never process twice (MQTT §4.3.3).
            conn.acks().complete(ctx, conn.acks().reserve(), Packets.reply(MqttMessageType.PUBREC, packetId,
                    (byte) 0, null));
            return;
        }
        final AckSequencer.Slot slot = qos > 0 ? conn.acks().reserve() : null;
        final BrokerMessage message = toMessage(conn, publish, topic, qos);
        if (goesToIngest(conn, topic)) {
            ingest(ctx, conn, message, slot, packetId);
        } else {
            services.broker().publish(message);
            if (slot != null) {
                conn.acks().complete(ctx, slot, ack(conn.mqtt5(), qos, packetId, IngestResult.ACCEPTED));
            }
        }
    }

    private boolean goesToIngest(final MqttConnection conn, final String topic) {
        final AccessControl acl = services.acl();
        if (TelemetryTopic.parse(topic) != null && (conn.device() != null || !acl.open())) {
            return true;
        }
        return !acl.mayPublish(conn.identity(), topic);
    }

    private void ingest(final ChannelHandlerContext ctx, final MqttConnection conn, final BrokerMessage message,
                        final AckSequencer.Slot slot, final int packetId) {
        services.publishes().processPublish(conn.identity().name(), conn.device(), message.topic(),
                message.payload(), result -> {
                    if (result.accepted()) {
                        // Telemetry reaches subscribers only once it is durably accepted, and only those the
                        // ACL let subscribe to it.
                        services.broker().publish(message);
                    } else if (message.qos() == 2) {
                        conn.session().releaseQos2(packetId);
                    }
                    if (slot != null) {
                        final MqttMessage ack = ack(conn.mqtt5(), message.qos(), packetId, result);
                        ctx.executor().execute(() -> conn.acks().complete(ctx, slot, ack));
                    }
                });
    }

    private void refuseRate(final ChannelHandlerContext ctx, final MqttConnection conn, final int qos,
                            final int packetId) throws ProtocolException {
        services.broker().meters().limit("message_rate");
        final String reason = "more than " + services.config().limits().messageRate()
                + " messages per second (mqtt.limits.messageRate)";
        if (!conn.mqtt5()) {
            // MQTT 3.1.1 has no negative acknowledgement: the client is disconnected.
            throw new ProtocolException(MESSAGE_RATE_TOO_HIGH, reason, "message_rate");
        }
        if (qos > 0) {
            conn.acks().complete(ctx, conn.acks().reserve(), Packets.reply(qos == 1 ? MqttMessageType.PUBACK
                    : MqttMessageType.PUBREC, packetId, QUOTA_EXCEEDED, "message rate too high: " + reason));
        }
    }

    /**
     * Answers a PUBREL: the QoS 2 message is released and PUBCOMP completes the exchange.
     *
     * @param ctx      the connection
     * @param conn     its state
     * @param packetId the packet id
     */
    void handlePubRel(final ChannelHandlerContext ctx, final MqttConnection conn, final int packetId) {
        final boolean known = conn.session().releaseQos2(packetId);
        ctx.writeAndFlush(Packets.reply(MqttMessageType.PUBCOMP, packetId, known ? (byte) 0 : (byte) 0x92,
                known ? null : "packet identifier not found"));
    }

    private static BrokerMessage toMessage(final MqttConnection conn, final MqttPublishMessage publish,
                                           final String topic, final int qos) {
        final MqttProperties props = publish.variableHeader().properties();
        final long expiry = ConnectionService.intProperty(props, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 0)
                & 0xFFFFFFFFL;
        return new BrokerMessage(topic, ByteBufUtil.getBytes(publish.payload()), qos,
                publish.fixedHeader().isRetain(), PublishProperties.from(props),
                expiry == 0 ? 0 : System.currentTimeMillis() + expiry * 1000, conn.sessionKey());
    }

    /** @return the PUBACK or PUBREC for a result, or null to close the connection so an MQTT 3.1.1 client resends */
    static MqttMessage ack(final boolean mqtt5, final int qos, final int packetId, final IngestResult result) {
        final MqttMessageType type = qos == 2 ? MqttMessageType.PUBREC : MqttMessageType.PUBACK;
        if (!mqtt5) {
            final IngestOutcome o = result.outcome();
            // 3.1.1 cannot refuse: a reading we could not take (full lane, store down) must not be acknowledged,
            // so the connection is closed and the client resends. Bad input is acknowledged and ledgered instead,
            // or the device would resend it forever.
            if (o == IngestOutcome.OVERLOADED || o == IngestOutcome.STORE_FAILED) {
                return null;
            }
            return Packets.reply(type, packetId, (byte) 0, null);
        }
        return Packets.reply(type, packetId, result.outcome().reasonCode(), result.accepted() ? null
                : result.reason());
    }
}
