// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.AttributeKey;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Accepts an authenticated CONNECT into a session — connection limit, will, takeover, clean start and session
 * expiry, CONNACK — and ends it again: a normal DISCONNECT discards the will, anything else publishes it.
 *
 * <p>Runs on the connection's event loop.
 */
final class ConnectionService {
    /** The attribute where netty-codec-mqtt keeps the negotiated protocol version. */
    static final AttributeKey<MqttVersion> CODEC_VERSION = AttributeKey.valueOf("NETTY_CODEC_MQTT_VERSION");
    /** Source of unique session keys for clients that send an empty client id. */
    private static final AtomicLong ASSIGNED_IDS = new AtomicLong();

    private final MqttServices services;

    ConnectionService(final MqttServices services) {
        this.services = services;
    }

    /**
     * @param ctx      the connection
     * @param conn     its state
     * @param connect  the CONNECT
     * @param decision the accepted authentication decision
     * @return null when the client is connected (CONNACK sent), else the refusal to send instead
     */
    ConnectDecision accept(final ChannelHandlerContext ctx, final MqttConnection conn,
                           final MqttConnectMessage connect, final ConnectDecision decision) {
        final GatewayConfig.Mqtt config = services.config();
        final String clientId = conn.clientId();
        final boolean clean = connect.variableHeader().isCleanSession();
        if (services.sessions().size() >= config.limits().maxConnections()
                && !services.sessions().contains(clientId)) {
            services.broker().meters().limit("max_connections");
            return ConnectDecision.refuse(ConnectOutcome.TOO_MANY_CONNECTIONS, config.limits().maxConnections()
                    + " connections are open (mqtt.limits.maxConnections); retry later");
        }
        if (clientId.isEmpty() && !clean && !conn.mqtt5()) {
            return ConnectDecision.refuse(ConnectOutcome.UNKNOWN_CLIENT,
                    "an empty client id needs clean session 1 (MQTT 3.1.1 §3.1.3-7)");
        }
        final Will will;
        try {
            will = Wills.fromConnect(connect, decision.identity(), clientId, services.acl(),
                    config.broker().maximumQos());
        } catch (final IllegalArgumentException e) {
            return ConnectDecision.refuse(e.getMessage().startsWith("QoS") ? ConnectOutcome.QOS_NOT_SUPPORTED
                    : ConnectOutcome.WILL_NOT_AUTHORIZED, e.getMessage());
        }
        final boolean assigned = clientId.isEmpty();
        final String key = assigned ? "auto-" + ASSIGNED_IDS.incrementAndGet() : clientId;
        takeOver(ctx.channel(), key);
        final MqttProperties props = connect.variableHeader().properties();
        final long requested = conn.mqtt5() ? intProperty(props, MqttProperties.SESSION_EXPIRY_INTERVAL, 0)
                & 0xFFFFFFFFL : clean ? 0 : Long.MAX_VALUE;
        final SessionManager.Opened opened = services.broker().sessions().open(key, clean, requested);
        final Session session = opened.session();
        session.will(will);
        conn.accepted(decision.identity(), key, session, new TokenBucket(config.limits().messageRate(),
                config.limits().messageBurst(), System.nanoTime()));
        final int keepAlive = KeepAlive.install(ctx, connect, config, conn.mqtt5());
        ctx.writeAndFlush(ConnAcks.accepted(conn.mqtt5(), opened, requested, keepAlive,
                connect.variableHeader().keepAliveTimeSeconds(), assigned ? key : null, config));
        // After the CONNACK: resent and queued messages are written behind it.
        session.attach(ctx.channel(), conn.mqtt5() ? intProperty(props, MqttProperties.RECEIVE_MAXIMUM, 65_535)
                : 65_535, conn.mqtt5() ? intProperty(props, MqttProperties.MAXIMUM_PACKET_SIZE, -1) & 0xFFFFFFFFL
                : Long.MAX_VALUE);
        if (conn.device() != null) {
            services.broker().deviceConnected(conn.device());
        }
        return null;
    }

    private void takeOver(final Channel channel, final String key) {
        final Channel previous = services.sessions().register(key, channel);
        if (previous != null && previous != channel) {
            services.disconnector().disconnect(previous, key, previous.attr(CODEC_VERSION).get()
                    == MqttVersion.MQTT_5, MqttReasonCodes.Disconnect.SESSION_TAKEN_OVER.byteValue(),
                    "session taken over by a new connection with the same client id", "takeover");
        }
    }

    /**
     * A DISCONNECT from the client: normal unless MQTT 5 reason 0x04 asks for the will; may update the session
     * expiry (MQTT 5 §3.14.2.2.2).
     *
     * @param conn       the connection
     * @param disconnect the packet
     */
    void clientDisconnected(final MqttConnection conn, final MqttMessage disconnect) {
        byte reason = 0;
        if (disconnect.variableHeader() instanceof MqttReasonCodeAndPropertiesVariableHeader h) {
            reason = h.reasonCode();
            final long expiry = intProperty(h.properties(), MqttProperties.SESSION_EXPIRY_INTERVAL, -1);
            if (expiry >= 0 && conn.session() != null && conn.session().expirySeconds() > 0) {
                conn.session().expirySeconds(Math.min(expiry & 0xFFFFFFFFL,
                        services.config().sessions().maxExpiry().toSeconds()));
            }
        }
        conn.graceful(reason != MqttReasonCodes.Disconnect.DISCONNECT_WITH_WILL_MESSAGE.byteValue());
    }

    /**
     * The connection closed: the session goes offline, its will is published or discarded, and it ends now or
     * when its expiry passes.
     *
     * @param conn the closed connection
     */
    void closed(final MqttConnection conn) {
        if (conn.sessionKey() == null) {
            return;
        }
        services.sessions().unregister(conn.sessionKey(), conn.channel());
        final Session session = conn.session();
        final SessionManager manager = services.broker().sessions();
        if (!manager.disconnected(session, conn.channel())) {
            return;
        }
        if (conn.graceful()) {
            services.broker().wills().discard(session);
        } else {
            services.broker().wills().connectionLost(session, conn.device(), conn.closeReason());
        }
        manager.expireLater(session);
    }

    static int intProperty(final MqttProperties props, final int id, final int absent) {
        final MqttProperties.MqttProperty<?> p = props == null ? null : props.getProperty(id);
        return p == null ? absent : (Integer) p.value();
    }
}
