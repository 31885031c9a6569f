// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's callback for one connection of the bridge: forwards arrivals and connection loss, tagged with that
 * connection, to the {@link BrokerBridge}. Runs on Paho's threads; nothing here may block.
 */
final class BridgeCallback implements MqttCallback {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridge.class);

    private final BrokerBridge bridge;
    private final BridgeConnection connection;

    BridgeCallback(final BrokerBridge bridge, final BridgeConnection connection) {
        this.bridge = bridge;
        this.connection = connection;
    }

    @Override
    public void messageArrived(final String topic, final MqttMessage message) {
        try {
            bridge.onMessage(connection, topic, message);
        } catch (final RuntimeException e) {
            // Left unacknowledged: the broker redelivers it on the next session. Never let it reach Paho, which
            // would only log it.
            LOG.error("Bridge failed to take a message on {}", topic, e);
        }
    }

    @Override
    public void disconnected(final MqttDisconnectResponse response) {
        bridge.onConnectionLost(connection, response.getException() != null ? String.valueOf(response.getException())
                : "the broker disconnected (reason 0x" + Integer.toHexString(response.getReturnCode())
                + (response.getReasonString() == null ? "" : ", " + response.getReasonString()) + ")");
    }

    @Override
    public void mqttErrorOccurred(final MqttException exception) {
        LOG.warn("Bridge MQTT error: {}", exception.toString());
    }

    @Override
    public void deliveryComplete(final IMqttToken token) {
        // The bridge publishes nothing.
    }

    @Override
    public void connectComplete(final boolean reconnect, final String serverUri) {
        // Handled by the connect token's listener, which also knows whether the session was resumed.
    }

    @Override
    public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
        LOG.warn("Bridge: the broker sent an AUTH packet (reason 0x{}); enhanced authentication is not supported",
                Integer.toHexString(reasonCode));
    }
}
