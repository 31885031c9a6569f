// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;

/**
 * Builds the packets the broker sends. The encoder leaves out reason codes and properties for MQTT 3.1.1 clients.
 */
final class Packets {
    private Packets() {
    }

    /**
     * @param reason words for the client, or null/empty for none
     * @return properties holding only that reason string
     */
    static MqttProperties reasonString(final String reason) {
        if (reason == null || reason.isEmpty()) {
            return MqttProperties.NO_PROPERTIES;
        }
        final MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.REASON_STRING.value(), reason));
        return props;
    }

    /**
     * @param type     PUBACK, PUBREC, PUBREL or PUBCOMP
     * @param packetId the packet id
     * @param reason   MQTT 5 reason code
     * @param words    MQTT 5 reason string, or null
     * @return the acknowledgement
     */
    static MqttMessage reply(final MqttMessageType type, final int packetId, final byte reason, final String words) {
        // PUBREL's fixed header carries flags 0010 (MQTT §3.6.1).
        final MqttQoS qos = type == MqttMessageType.PUBREL ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
        return new MqttMessage(new MqttFixedHeader(type, false, qos, false, 0),
                new MqttPubReplyMessageVariableHeader(packetId, reason, reasonString(words)));
    }

    /**
     * @param d         the delivery
     * @param packetId  its packet id (0 for QoS 0)
     * @param dup       whether this is a resend
     * @param nowMillis the current time, for the remaining message expiry
     * @return the PUBLISH; the caller writes it (the encoder releases it)
     */
    static MqttPublishMessage publish(final Delivery d, final int packetId, final boolean dup, final long nowMillis) {
        final BrokerMessage m = d.message();
        final MqttProperties props = new MqttProperties();
        m.properties().addTo(props);
        final long remaining = m.remainingExpirySeconds(nowMillis);
        if (remaining > 0) {
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.PUBLICATION_EXPIRY_INTERVAL.value(), (int) remaining));
        }
        for (final int id : d.subscriptionIds()) {
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER.value(), id));
        }
        return new MqttPublishMessage(
                new MqttFixedHeader(MqttMessageType.PUBLISH, dup, MqttQoS.valueOf(d.qos()), d.retain(), 0),
                new MqttPublishVariableHeader(m.topic(), packetId, props), Unpooled.wrappedBuffer(m.payload()));
    }

    /**
     * @param d a delivery
     * @return an upper estimate of its encoded PUBLISH size in bytes
     */
    static long sizeEstimate(final Delivery d) {
        return 5L + 2 + d.message().topic().length() * 3L + 2 + d.message().payload().length
                + d.message().properties().encodedSizeEstimate() + 5 + d.subscriptionIds().size() * 5L;
    }
}
