// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.awaitility.Awaitility;
import org.eclipse.paho.mqttv5.client.IMqttToken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A well-behaved device doing QoS 1 round trips (publish a reading, wait for its PUBACK) on its own thread while a
 * test attacks the gateway: every round trip must succeed, and its latency is recorded.
 */
final class Canary implements AutoCloseable {
    private final PahoV5Client client;
    private final String topic;
    private final Thread thread;
    private final List<Long> latenciesMicros = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Connects the device and starts the round trips.
     *
     * @param uri      the gateway's MQTT URI
     * @param deviceId a bin of the committed registry, e.g. {@code bin-050}
     * @param pauseMs  pause between round trips
     */
    Canary(final String uri, final String deviceId, final long pauseMs) throws Exception {
        client = PahoV5Client.connect(uri, deviceId, o -> {
            o.setUserName(deviceId);
            o.setPassword(GatewayTestSupport.secret(deviceId).getBytes(StandardCharsets.UTF_8));
        });
        topic = "cp/" + GatewayTestSupport.COMMUNITY + "/bin/" + deviceId + "/telemetry";
        thread = new Thread(() -> loop(pauseMs), "canary-" + deviceId);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(final long pauseMs) {
        while (running) {
            final long start = System.nanoTime();
            try {
                final String payload = "{\"ts\": " + System.currentTimeMillis() + ", \"seq\": " + seq.incrementAndGet()
                        + ", \"metrics\": {\"fill_pct\": 40.0}}";
                final IMqttToken token = client.publish(topic, payload, 1, false);
                final int[] codes = token.getReasonCodes();
                if (codes != null && codes.length > 0 && codes[0] >= 0x80) {
                    failures.add("PUBACK reason 0x" + Integer.toHexString(codes[0]));
                }
                latenciesMicros.add((System.nanoTime() - start) / 1_000);
                Thread.sleep(pauseMs);
            } catch (final InterruptedException e) {
                return;
            } catch (final Exception e) {
                if (running) {
                    failures.add(e.toString());
                }
            }
        }
    }

    /** @return completed round trips so far */
    int roundTrips() {
        return latenciesMicros.size();
    }

    /**
     * @param quantile e.g. 0.99
     * @return that quantile of the round-trip latency so far, in milliseconds
     */
    double latencyMillis(final double quantile) {
        final List<Long> sorted = new ArrayList<>(latenciesMicros);
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1000.0;
    }

    /** Fails the test unless every round trip so far succeeded and at least {@code minRoundTrips} completed. */
    void assertHealthy(final int minRoundTrips) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> roundTrips() >= minRoundTrips
                || !failures.isEmpty());
        assertThat(failures).as("canary round-trip failures").isEmpty();
        assertThat(client.client.isConnected()).as("canary still connected").isTrue();
        assertThat(roundTrips()).as("canary round trips").isGreaterThanOrEqualTo(minRoundTrips);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        client.close();
    }
}
