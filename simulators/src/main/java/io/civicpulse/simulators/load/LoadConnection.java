// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import io.civicpulse.simulators.device.TelemetryPayload;
import io.civicpulse.simulators.mqtt.DeviceConnection;
import io.civicpulse.simulators.mqtt.PublishListener;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.LongAdder;

/**
 * One load connection: a streetlight publishing as fast as its window of unacknowledged messages allows.
 *
 * <p>Threads: {@link #tryPublish()} is called by a single sender thread; acks release the window from
 * Paho's callback thread.
 */
final class LoadConnection {

    private static final Map<String, Number> METRICS = new LinkedHashMap<>();

    static {
        METRICS.put("lamp_current_a", 0.42);
        METRICS.put("voltage_v", 230.1);
        METRICS.put("power_w", 94.7);
    }

    private final DeviceConnection connection;
    private final String topic;
    private final int qos;
    private final int payloadBytes;
    private final Semaphore window;
    private final int windowSize;
    private final Outcomes outcomes;
    private long seq;

    LoadConnection(final DeviceConnection connection, final String topic, final int qos, final int windowSize,
                   final int payloadBytes, final Outcomes outcomes) {
        this.connection = connection;
        this.topic = topic;
        this.qos = qos;
        this.payloadBytes = payloadBytes;
        this.windowSize = windowSize;
        this.window = new Semaphore(windowSize);
        this.outcomes = outcomes;
    }

    /** Publishes one reading if the connection is up and its window has room; returns whether it did. */
    boolean tryPublish() {
        if (!connection.isConnected() || !window.tryAcquire()) {
            return false;
        }
        final byte[] payload = payload(System.currentTimeMillis(), seq++, payloadBytes);
        outcomes.sent.increment();
        connection.publish(topic, payload, qos, new InFlight(System.nanoTime()));
        return true;
    }

    /** Whether every publish has been answered. */
    boolean drained() {
        return window.availablePermits() == windowSize;
    }

    DeviceConnection connection() {
        return connection;
    }

    /** A reading padded with insignificant JSON whitespace to about {@code targetBytes}. */
    static byte[] payload(final long epochMillis, final long seq, final int targetBytes) {
        final String json = TelemetryPayload.json(epochMillis, seq, METRICS);
        if (json.length() >= targetBytes) {
            return json.getBytes(StandardCharsets.UTF_8);
        }
        // Whitespace before the closing brace keeps the reading valid JSON with the same content.
        return (json.substring(0, json.length() - 1) + " ".repeat(targetBytes - json.length()) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Counters and latencies shared by all connections. */
    static final class Outcomes {
        final LongAdder sent = new LongAdder();
        final LongAdder acked = new LongAdder();
        final LongAdder rejected = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LatencyRecorder latencies;
        final boolean recordLatency;

        Outcomes(final LatencyRecorder latencies, final boolean recordLatency) {
            this.latencies = latencies;
            this.recordLatency = recordLatency;
        }
    }

    /** The outcome of one publish; releases the window slot whatever happens. */
    private final class InFlight implements PublishListener {
        private final long startNanos;

        InFlight(final long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public void acked() {
            if (outcomes.recordLatency) {
                outcomes.latencies.record(System.nanoTime() - startNanos);
            }
            outcomes.acked.increment();
            window.release();
        }

        @Override
        public void rejected(final int reasonCode) {
            outcomes.rejected.increment();
            window.release();
        }

        @Override
        public void failed(final Throwable cause) {
            outcomes.errors.increment();
            window.release();
        }
    }
}
