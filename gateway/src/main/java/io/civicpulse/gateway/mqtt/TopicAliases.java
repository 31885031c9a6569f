// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttReasonCodes;

/** Client-to-server topic aliases (MQTT 5 §3.3.2.3.4), per connection. */
final class TopicAliases {
    private TopicAliases() {
    }

    /**
     * @param conn    the connection holding the aliases
     * @param publish the PUBLISH
     * @param maximum the Topic Alias Maximum advertised in CONNACK
     * @return the topic name, resolved from the alias when the PUBLISH has an empty one
     * @throws ProtocolException for an alias of 0 or above the maximum, an unknown alias, or a topic name with
     *                           wildcards
     */
    static String resolve(final MqttConnection conn, final MqttPublishMessage publish, final int maximum)
            throws ProtocolException {
        String topic = publish.variableHeader().topicName();
        final int alias = ConnectionService.intProperty(publish.variableHeader().properties(),
                MqttProperties.TOPIC_ALIAS, 0);
        final boolean present = publish.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS)
                != null;
        if (present && (alias == 0 || alias > maximum)) {
            throw new ProtocolException(MqttReasonCodes.Disconnect.TOPIC_ALIAS_INVALID.byteValue(), "topic alias "
                    + alias + " is not within 1.." + maximum, "topic_alias_invalid");
        }
        if (topic == null || topic.isEmpty()) {
            topic = present ? conn.topicAliases().get(alias) : null;
            if (topic == null) {
                throw new ProtocolException(MqttReasonCodes.Disconnect.PROTOCOL_ERROR.byteValue(),
                        present ? "topic alias " + alias + " was never set" : "empty topic name without an alias",
                        "protocol_error");
            }
        } else if (present) {
            conn.topicAliases().put(alias, topic);
        }
        if (topic.contains("+") || topic.contains("#")) {
            throw new ProtocolException(MqttReasonCodes.Disconnect.TOPIC_NAME_INVALID.byteValue(), "topic name '"
                    + topic + "' contains a wildcard", "topic_name_invalid");
        }
        return topic;
    }
}
