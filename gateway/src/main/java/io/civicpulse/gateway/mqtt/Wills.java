// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttProperties;

/** Reads the will of a CONNECT (MQTT 5 §3.1.2.5, §3.1.3.2). */
final class Wills {
    private Wills() {
    }

    /**
     * @param connect    the CONNECT
     * @param who        the authenticated client
     * @param clientId   its client id (the will's publisher, for No Local)
     * @param acl        who may publish where
     * @param maximumQos the highest QoS the gateway supports
     * @return the will, or null when the CONNECT has none
     * @throws IllegalArgumentException naming the problem (starting with "QoS" for a QoS above the maximum)
     */
    static Will fromConnect(final MqttConnectMessage connect, final ClientIdentity who, final String clientId,
                            final AccessControl acl, final int maximumQos) {
        final MqttConnectVariableHeader h = connect.variableHeader();
        if (!h.isWillFlag()) {
            return null;
        }
        if (h.willQos() > maximumQos) {
            throw new IllegalArgumentException("QoS " + h.willQos() + " of the will is above the maximum QoS "
                    + maximumQos);
        }
        final MqttConnectPayload p = connect.payload();
        String topic = p.willTopic();
        if (who instanceof ClientIdentity.DeviceClient device) {
            // A device's will always announces it on its own status topic.
            topic = AccessControl.deviceTopic(device.device(), "status");
        } else if (!acl.mayPublish(who, topic)) {
            throw new IllegalArgumentException("will topic '" + topic + "' is not one " + who.name()
                    + " may publish on");
        }
        final MqttProperties props = p.willProperties();
        final long expiry = ConnectionService.intProperty(props, MqttProperties.PUBLICATION_EXPIRY_INTERVAL, 0)
                & 0xFFFFFFFFL;
        final long delay = ConnectionService.intProperty(props, MqttProperties.WILL_DELAY_INTERVAL, 0) & 0xFFFFFFFFL;
        final byte[] payload = p.willMessageInBytes() == null ? new byte[0] : p.willMessageInBytes();
        // The expiry of a will counts from when it is published; stored here as its interval, applied then.
        return new Will(new BrokerMessage(topic, payload, h.willQos(), h.isWillRetain(), PublishProperties.from(props),
                expiry == 0 ? 0 : -expiry, clientId), delay);
    }
}
