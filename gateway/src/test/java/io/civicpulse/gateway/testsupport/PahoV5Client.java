// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** A Paho MQTT 5 client for integration tests that records what arrives and how it was disconnected. */
public final class PahoV5Client implements AutoCloseable {
    /** How long a token is waited for, in milliseconds. */
    public static final long WAIT_MS = 10_000;

    /** The Paho client. */
    public final MqttAsyncClient client;
    /** Every message that arrived. */
    public final List<Received> received = new CopyOnWriteArrayList<>();
    /** The DISCONNECT the server sent, or null. */
    public volatile MqttDisconnectResponse disconnect;
    /** Session Present of the last CONNACK. */
    public volatile boolean sessionPresent;

    /**
     * A received message.
     *
     * @param topic   its topic
     * @param message the message with its properties
     */
    public record Received(String topic, MqttMessage message) {
        /** @return the payload as UTF-8 */
        public String text() {
            return new String(message.getPayload(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Creates an unconnected client. */
    public PahoV5Client(final String uri, final String clientId) throws MqttException {
        client = new MqttAsyncClient(uri, clientId, new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void disconnected(final MqttDisconnectResponse response) {
                disconnect = response;
            }

            @Override
            public void mqttErrorOccurred(final MqttException exception) {
                // surfaced through tokens
            }

            @Override
            public void messageArrived(final String topic, final MqttMessage message) {
                received.add(new Received(topic, message));
            }

            @Override
            public void deliveryComplete(final IMqttToken token) {
                // not needed
            }

            @Override
            public void connectComplete(final boolean reconnect, final String serverURI) {
                // not needed
            }

            @Override
            public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
                // not used
            }
        });
    }

    /** Connects with a clean start and the given tweaks to the options. */
    public static PahoV5Client connect(final String uri, final String clientId,
                                       final Consumer<MqttConnectionOptions> tweak) throws MqttException {
        final PahoV5Client c = new PahoV5Client(uri, clientId);
        c.connect(tweak);
        return c;
    }

    /** Connects with the given tweaks to the options. */
    public void connect(final Consumer<MqttConnectionOptions> tweak) throws MqttException {
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setConnectionTimeout(10);
        options.setAutomaticReconnect(false);
        tweak.accept(options);
        final IMqttToken token = client.connect(options);
        token.waitForCompletion(WAIT_MS);
        sessionPresent = token.getSessionPresent();
    }

    /** Subscribes and waits for the SUBACK. */
    public void subscribe(final String filter, final int qos) throws MqttException {
        client.subscribe(filter, qos).waitForCompletion(WAIT_MS);
    }

    /** Publishes and waits for the acknowledgement. */
    public IMqttToken publish(final String topic, final String payload, final int qos, final boolean retain)
            throws MqttException {
        final IMqttToken t = client.publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), qos,
                retain);
        t.waitForCompletion(WAIT_MS);
        return t;
    }

    /** Waits until at least {@code n} messages arrived. */
    public List<Received> await(final int n) {
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> received.size() >= n);
        return received;
    }

    /** Drops the TCP connection without a DISCONNECT packet (an ungraceful disconnect). */
    public void drop() throws MqttException {
        client.disconnectForcibly(0, 1, false);
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect().waitForCompletion(WAIT_MS);
            }
        } catch (final MqttException ignored) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (final MqttException ignored) {
            // closed
        }
    }
}
