// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.topic.TopicFilter;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscriptionOption;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;

import java.util.ArrayList;
import java.util.List;

/**
 * SUBSCRIBE and UNSUBSCRIBE with the ACL (MQTT 5 §3.8, §3.10), and the gateway's own publications (alerts).
 * A granted subscription is kept in the session and the subscription tree, and the retained messages it matches
 * are sent behind the SUBACK as its Retain Handling says. Denied filters get SUBACK 0x80 (3.1.1) or 0x87 (5).
 *
 * <p>Thread-safe: SUBSCRIBE runs on event loops, {@link #publish} on the issue worker.
 */
public final class SubscriptionService {
    private final Broker broker;
    private final AccessControl acl;
    private final int maximumQos;

    /**
     * @param broker     the broker
     * @param acl        who may read what
     * @param maximumQos the highest QoS granted
     */
    public SubscriptionService(final Broker broker, final AccessControl acl, final int maximumQos) {
        this.broker = broker;
        this.acl = acl;
        this.maximumQos = maximumQos;
    }

    /**
     * @param who    the subscriber
     * @param filter the requested topic filter
     * @return true when that client may subscribe to that filter
     */
    public boolean mayRead(final ClientIdentity who, final String filter) {
        return acl.mayRead(who, filter);
    }

    /**
     * Publishes one of the gateway's own messages (an alert) at QoS 1, not retained.
     *
     * @param topic   the topic name
     * @param payload the payload; not modified
     * @return the number of sessions it was sent or queued to
     */
    public int publish(final String topic, final byte[] payload) {
        return broker.publish(new BrokerMessage(topic, payload, 1, false, PublishProperties.NONE, 0,
                BrokerMessage.GATEWAY));
    }

    /**
     * @param conn      the subscriber's connection state
     * @param subscribe the SUBSCRIBE
     * @return the SUBACK to write; the retained messages follow through the session
     */
    MqttSubAckMessage subscribe(final MqttConnection conn, final io.netty.handler.codec.mqtt.MqttSubscribeMessage
            subscribe) {
        final int subscriptionId = ConnectionService.intProperty(subscribe.idAndPropertiesVariableHeader()
                .properties(), MqttProperties.SUBSCRIPTION_IDENTIFIER, 0);
        final List<MqttTopicSubscription> requested = subscribe.payload().topicSubscriptions();
        final int[] codes = new int[requested.size()];
        final List<Subscription> retainedFor = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            final MqttTopicSubscription t = requested.get(i);
            final String inner = Subscription.topicFilter(t.topicFilter());
            if (inner == null || !TopicFilter.isValid(inner)) {
                codes[i] = conn.mqtt5() ? MqttReasonCodes.SubAck.TOPIC_FILTER_INVALID.byteValue() & 0xFF : 0x80;
                continue;
            }
            if (!acl.mayRead(conn.identity(), t.topicFilter())) {
                // 3.1.1 has one failure code (0x80); MQTT 5 says why: 0x87 not authorized.
                codes[i] = conn.mqtt5() ? MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xFF
                        : MqttQoS.FAILURE.value();
                continue;
            }
            final Subscription s = toSubscription(conn, t, subscriptionId);
            final Subscription previous = conn.session().subscribe(s);
            broker.tree().add(s);
            codes[i] = s.qos();
            if (s.shareGroup() == null && (s.retainHandling() == 0 || s.retainHandling() == 1 && previous == null)) {
                retainedFor.add(s);
            }
        }
        for (final Subscription s : retainedFor) {
            broker.router().sendRetained(conn.session(), s);
        }
        return new MqttSubAckMessage(new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false,
                0), new MqttMessageIdAndPropertiesVariableHeader(subscribe.variableHeader().messageId(),
                MqttProperties.NO_PROPERTIES), new MqttSubAckPayload(codes));
    }

    private Subscription toSubscription(final MqttConnection conn, final MqttTopicSubscription t,
                                        final int subscriptionId) {
        final MqttSubscriptionOption o = t.option();
        final int qos = Math.min(o.qos().value(), maximumQos);
        if (!conn.mqtt5()) {
            return new Subscription(conn.sessionKey(), t.topicFilter(), qos, false, false, 0, 0);
        }
        final boolean shared = Subscription.shareGroup(t.topicFilter()) != null;
        return new Subscription(conn.sessionKey(), t.topicFilter(), qos, o.isNoLocal() && !shared,
                o.isRetainAsPublished(), o.retainHandling().value(), subscriptionId);
    }

    /**
     * @param conn        the subscriber's connection state
     * @param unsubscribe the UNSUBSCRIBE
     * @return the UNSUBACK
     */
    MqttMessage unsubscribe(final MqttConnection conn,
                            final io.netty.handler.codec.mqtt.MqttUnsubscribeMessage unsubscribe) {
        final var ack = MqttMessageBuilders.unsubAck().packetId(unsubscribe.variableHeader().messageId());
        for (final String filter : unsubscribe.payload().topics()) {
            final boolean removed = conn.session().unsubscribe(filter);
            broker.tree().remove(conn.sessionKey(), filter);
            ack.addReasonCode(removed ? MqttReasonCodes.UnsubAck.SUCCESS.byteValue()
                    : MqttReasonCodes.UnsubAck.NO_SUBSCRIPTION_EXISTED.byteValue());
        }
        return ack.build();
    }
}
