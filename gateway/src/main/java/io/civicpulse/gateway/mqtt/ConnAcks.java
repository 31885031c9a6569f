// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;

/** Builds CONNACK packets. */
final class ConnAcks {
    private ConnAcks() {
    }

    /**
     * @param mqtt5            whether the client speaks MQTT 5
     * @param opened           the session
     * @param requestedExpiry  the session expiry the client asked for
     * @param keepAlive        the keep alive in effect
     * @param clientKeepAlive  the keep alive the client asked for
     * @param assignedClientId the client id the server chose, or null
     * @param config           listener settings
     * @return the CONNACK of an accepted CONNECT, advertising the server's limits to MQTT 5 clients
     */
    static MqttConnAckMessage accepted(final boolean mqtt5, final SessionManager.Opened opened,
                                       final long requestedExpiry, final int keepAlive, final int clientKeepAlive,
                                       final String assignedClientId, final GatewayConfig.Mqtt config) {
        final var b = MqttMessageBuilders.connAck().returnCode(MqttConnectReturnCode.CONNECTION_ACCEPTED)
                .sessionPresent(opened.present());
        if (!mqtt5) {
            return b.build();
        }
        return b.properties(p -> {
            // Receive Maximum stays ≤ 32767: Paho v5 1.2.5 reads it as a signed short (FACTS.md).
            p.receiveMaximum(config.receiveMaximum())
                    .maximumPacketSize(config.maxPacketBytes())
                    .retainAvailable(true)
                    .sharedSubscriptionAvailable(true)
                    .subscriptionIdentifiersAvailable(true)
                    .wildcardSubscriptionAvailable(true)
                    .topicAliasMaximum(config.broker().topicAliasMaximum());
            // MQTT 5 §3.2.2.3.4: Maximum QoS is sent only when it is 0 or 1; absent means 2.
            if (config.broker().maximumQos() < 2) {
                p.maximumQos((byte) config.broker().maximumQos());
            }
            if (opened.expiry() != requestedExpiry) {
                p.sessionExpiryInterval((int) opened.expiry());
            }
            if (keepAlive != clientKeepAlive) {
                p.serverKeepAlive(keepAlive);
            }
            if (assignedClientId != null) {
                p.assignedClientId(assignedClientId);
            }
        }).build();
    }

    /**
     * @param mqtt5   whether the client speaks MQTT 5
     * @param outcome why it is refused
     * @param reason  the MQTT 5 reason string
     * @return the CONNACK of a refused CONNECT
     */
    static MqttConnAckMessage refused(final boolean mqtt5, final ConnectOutcome outcome, final String reason) {
        final var b = MqttMessageBuilders.connAck().returnCode(outcome.code(mqtt5)).sessionPresent(false);
        return mqtt5 ? b.properties(p -> p.reasonString(reason)).build() : b.build();
    }
}
