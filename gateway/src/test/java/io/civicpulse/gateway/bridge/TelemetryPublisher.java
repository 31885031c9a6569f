// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;

import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device-side publisher on the local broker (anonymous, MQTT 5, QoS 1) with a bounded window of unacknowledged
 * publishes, the way a fleet or a network server feeds the broker the bridge consumes.
 */
final class TelemetryPublisher implements AutoCloseable {
    /** Below Mosquitto's default max_inflight_messages (20), which it announces as Receive Maximum. */
    private static final int WINDOW = 16;

    private final MqttAsyncClient client;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicLong acked = new AtomicLong();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /**
     * @param url      the broker, {@code tcp://127.0.0.1:1883}
     * @param clientId a client id unique to the test run
     * @throws MqttException if it cannot connect
     */
    TelemetryPublisher(final String url, final String clientId) throws MqttException {
        client = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setSessionExpiryInterval(0L);
        client.connect(o).waitForCompletion(10_000);
    }

    /**
     * Publishes one native JSON reading with QoS 1; blocks while {@value #WINDOW} publishes await their PUBACK.
     *
     * @param topic the telemetry topic
     * @param seq   the sequence number carried in the payload
     * @throws Exception if the window does not open within 10 s or the client refuses the publish
     */
    void publish(final String topic, final long seq) throws Exception {
        publishRaw(topic, ("{\"ts\": " + System.currentTimeMillis() + ", \"seq\": " + seq
                + ", \"metrics\": {\"fill_pct\": " + seq % 100 + "}}").getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param topic   any topic
     * @param payload any payload, QoS 1
     * @throws Exception if the window does not open within 10 s or the client refuses the publish
     */
    void publishRaw(final String topic, final byte[] payload) throws Exception {
        if (!window.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker acknowledged nothing for 10 s");
        }
        final MqttMessage m = new MqttMessage(payload);
        m.setQos(1);
        client.publish(topic, m, null, new MqttActionListener() {
            @Override
            public void onSuccess(final IMqttToken token) {
                acked.incrementAndGet();
                window.release();
            }

            @Override
            public void onFailure(final IMqttToken token, final Throwable exception) {
                failures.add(exception);
                window.release();
            }
        });
    }

    /**
     * Waits until the broker acknowledged every publish so far.
     *
     * @throws Exception if that takes over 10 s or a publish failed
     */
    void awaitAcked() throws Exception {
        if (!window.tryAcquire(WINDOW, 10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("publishes unacknowledged after 10 s");
        }
        window.release(WINDOW);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("publish failed", failures.peek());
        }
    }

    /** @return publishes the broker acknowledged */
    long acked() {
        return acked.get();
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) {
            client.disconnect().waitForCompletion(5_000);
        }
        client.close();
    }
}
