// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.client.IMqttToken;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One client of the cross-community ACL test, over MQTT 5 or 3.1.1 (Paho): subscribes and publishes one packet at a
 * time, answering the reason code the gateway sent, and keeps the payloads of every message that arrived.
 */
final class AclClient implements AutoCloseable {
    private static final long WAIT_MS = 10_000;

    final String name;
    final boolean mqtt5;
    final Set<String> received = ConcurrentHashMap.newKeySet();
    private final PahoV5Client v5;
    private final MqttAsyncClient v3;

    AclClient(final String uri, final String name, final String password, final boolean mqtt5) throws Exception {
        this.name = name;
        this.mqtt5 = mqtt5;
        if (mqtt5) {
            v5 = PahoV5Client.connect(uri, name, o -> {
                o.setUserName(name);
                o.setPassword(password.getBytes(StandardCharsets.UTF_8));
            });
            v3 = null;
        } else {
            v5 = null;
            v3 = new MqttAsyncClient(uri, name, new MemoryPersistence());
            v3.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(final Throwable cause) {
                    // an assertion on the reason codes or deliveries reports it
                }

                @Override
                public void messageArrived(final String topic, final MqttMessage message) {
                    received.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                }

                @Override
                public void deliveryComplete(final IMqttDeliveryToken token) {
                    // publish() waits for its token
                }
            });
            final MqttConnectOptions options = new MqttConnectOptions();
            options.setUserName(name);
            options.setPassword(password.toCharArray());
            options.setCleanSession(true);
            v3.connect(options).waitForCompletion(WAIT_MS);
        }
    }

    /** @return the SUBACK code: the granted QoS, or 0x87 (MQTT 5) / 0x80 (3.1.1) when refused */
    int subscribe(final String filter) throws Exception {
        if (mqtt5) {
            final IMqttToken token = v5.client.subscribe(filter, 1);
            token.waitForCompletion(WAIT_MS);
            return token.getReasonCodes()[0];
        }
        final org.eclipse.paho.client.mqttv3.IMqttToken token = v3.subscribe(filter, 1);
        token.waitForCompletion(WAIT_MS);
        return token.getGrantedQos()[0];
    }

    /** Publishes at QoS 1. @return the PUBACK reason code (MQTT 5), or 0 once a 3.1.1 PUBACK came */
    int publish(final String topic, final String payload) throws Exception {
        if (mqtt5) {
            final int[] codes = v5.publish(topic, payload, 1, false).getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        }
        v3.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false).waitForCompletion(WAIT_MS);
        return 0;
    }

    /** Registers the MQTT 5 client's arrivals (the 3.1.1 callback does so itself). */
    void collect() {
        if (mqtt5) {
            received.addAll(v5.received.stream().map(PahoV5Client.Received::text).toList());
        }
    }

    boolean connected() {
        return mqtt5 ? v5.client.isConnected() : v3.isConnected();
    }

    @Override
    public void close() throws Exception {
        if (mqtt5) {
            v5.close();
        } else {
            if (v3.isConnected()) {
                v3.disconnect().waitForCompletion(WAIT_MS);
            }
            v3.close();
        }
    }
}
