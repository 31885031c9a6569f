// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttProperties.MqttPropertyType;

import java.util.ArrayList;
import java.util.List;

/**
 * The MQTT 5 PUBLISH properties the broker passes from publisher to subscribers unchanged (MQTT 5 §3.3.2.3):
 * payload format, content type, request/response properties and user properties. The message expiry travels
 * separately as an absolute deadline, and topic aliases and subscription identifiers are per connection.
 *
 * @param payloadFormat   payload format indicator, or -1 when absent
 * @param contentType     content type, or null
 * @param responseTopic   response topic, or null
 * @param correlationData correlation data, or null
 * @param userProperties  user properties in their order; never null
 */
public record PublishProperties(int payloadFormat, String contentType, String responseTopic, byte[] correlationData,
                                List<UserProperty> userProperties) {
    /** No properties at all (every MQTT 3.1.1 message). */
    public static final PublishProperties NONE = new PublishProperties(-1, null, null, null, List.of());

    /**
     * A user property.
     *
     * @param key   its name
     * @param value its value
     */
    public record UserProperty(String key, String value) {
    }

    /**
     * @param props the properties of a received PUBLISH (or of a will)
     * @return the part the broker forwards
     */
    public static PublishProperties from(final MqttProperties props) {
        if (props == null || props.isEmpty()) {
            return NONE;
        }
        final MqttProperties.MqttProperty<?> format = props.getProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR
                .value());
        final List<UserProperty> users = new ArrayList<>();
        for (final MqttProperties.MqttProperty<?> p : props.getProperties(MqttPropertyType.USER_PROPERTY.value())) {
            if (p instanceof MqttProperties.UserProperties list) {
                list.value().forEach(u -> users.add(new UserProperty(u.key, u.value)));
            } else if (p instanceof MqttProperties.UserProperty one) {
                users.add(new UserProperty(one.value().key, one.value().value));
            }
        }
        return new PublishProperties(format == null ? -1 : (Integer) format.value(),
                (String) value(props, MqttPropertyType.CONTENT_TYPE), (String) value(props,
                MqttPropertyType.RESPONSE_TOPIC), (byte[]) value(props, MqttPropertyType.CORRELATION_DATA),
                List.copyOf(users));
    }

    private static Object value(final MqttProperties props, final MqttPropertyType type) {
        final MqttProperties.MqttProperty<?> p = props.getProperty(type.value());
        return p == null ? null : p.value();
    }

    /**
     * Adds these properties to an outgoing PUBLISH.
     *
     * @param props the outgoing properties
     */
    public void addTo(final MqttProperties props) {
        if (payloadFormat >= 0) {
            props.add(new MqttProperties.IntegerProperty(MqttPropertyType.PAYLOAD_FORMAT_INDICATOR.value(),
                    payloadFormat));
        }
        if (contentType != null) {
            props.add(new MqttProperties.StringProperty(MqttPropertyType.CONTENT_TYPE.value(), contentType));
        }
        if (responseTopic != null) {
            props.add(new MqttProperties.StringProperty(MqttPropertyType.RESPONSE_TOPIC.value(), responseTopic));
        }
        if (correlationData != null) {
            props.add(new MqttProperties.BinaryProperty(MqttPropertyType.CORRELATION_DATA.value(),
                    correlationData));
        }
        for (final UserProperty u : userProperties) {
            props.add(new MqttProperties.UserProperty(u.key(), u.value()));
        }
    }

    /** @return an estimate of the encoded size in bytes, for the client's Maximum Packet Size */
    int encodedSizeEstimate() {
        int size = 2;
        size += contentType == null ? 0 : contentType.length() * 3 + 3;
        size += responseTopic == null ? 0 : responseTopic.length() * 3 + 3;
        size += correlationData == null ? 0 : correlationData.length + 3;
        for (final UserProperty u : userProperties) {
            size += (u.key().length() + u.value().length()) * 3 + 5;
        }
        return size;
    }
}
