// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.replay;

import io.civicpulse.simulators.device.DeviceType;
import io.civicpulse.simulators.device.TelemetryPayload;
import io.civicpulse.simulators.mqtt.ConnectionListener;
import io.civicpulse.simulators.mqtt.ConnectionSettings;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.mqtt.NettyClientGroup;
import io.civicpulse.simulators.mqtt.NettyConnection;
import io.civicpulse.simulators.mqtt.PublishListener;
import io.civicpulse.simulators.registry.DeviceSecrets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Replays recorded readings with their original spacing divided by {@code speed} (×N), each device on its own
 * connection with the fleet's deterministic secret. Timestamps are either kept or shifted so the first reading is
 * now (and later ones follow at the replay's pace), so rules with time windows see a plausible stream.
 *
 * <p>Threads: {@link #run} blocks its caller and publishes from it; acks arrive on the shared Netty loop.
 */
public final class ReplayRunner {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

    private final MqttEndpoint endpoint;
    private final long seed;
    private final String community;
    private final double speed;
    private final boolean retime;
    private final LongAdder sent = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder errors = new LongAdder();

    /**
     * @param endpoint the gateway's MQTT address
     * @param seed the fleet seed the device secrets derive from
     * @param community the community in the topics
     * @param speed replay speed, e.g. 10 for ×10; above 0
     * @param retime true to shift timestamps to now (compressed by speed), false to keep the recorded ones
     */
    public ReplayRunner(final MqttEndpoint endpoint, final long seed, final String community, final double speed,
                        final boolean retime) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint must not be null.");
        this.community = Objects.requireNonNull(community, "community must not be null.");
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("speed must be above 0, was " + speed);
        }
        this.seed = seed;
        this.speed = speed;
        this.retime = retime;
    }

    /**
     * Connects every device of {@code records}, replays them in order and waits for the last acks.
     *
     * @throws IllegalStateException if a device cannot connect (e.g. not in the gateway's registry)
     */
    public void run(final List<ReplayRecord> records) throws InterruptedException {
        try (NettyClientGroup group = new NettyClientGroup(0)) {
            final Map<String, NettyConnection> connections = connect(records, group);
            try {
                publishAll(records, connections);
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (acked.sum() + errors.sum() < sent.sum() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } finally {
                connections.values().forEach(connection -> connection.close(CLOSE_TIMEOUT));
            }
        }
    }

    private Map<String, NettyConnection> connect(final List<ReplayRecord> records, final NettyClientGroup group)
            throws InterruptedException {
        final Map<String, NettyConnection> connections = new LinkedHashMap<>();
        for (final ReplayRecord record : records) {
            connections.computeIfAbsent(record.deviceId(), id -> new NettyConnection(new ConnectionSettings(endpoint,
                    id, DeviceSecrets.secret(seed, id), ConnectionSettings.DEFAULT_KEEP_ALIVE_SECONDS, 1000),
                    MqttProtocol.V5, ConnectionListener.NONE, group));
        }
        for (final NettyConnection connection : connections.values()) {
            try {
                connection.connect().get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (final java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("device " + connection.clientId() + " cannot connect to " + endpoint
                        + ": " + (e.getCause() == null ? e : e.getCause()).getMessage());
            }
        }
        return connections;
    }

    private void publishAll(final List<ReplayRecord> records, final Map<String, NettyConnection> connections)
            throws InterruptedException {
        final long firstMillis = records.isEmpty() ? 0 : records.get(0).epochMillis();
        final long startNanos = System.nanoTime();
        final long startMillis = System.currentTimeMillis();
        final Map<String, Long> seqs = new LinkedHashMap<>();
        for (final ReplayRecord record : records) {
            final long offsetNanos = (long) ((record.epochMillis() - firstMillis) * 1_000_000L / speed);
            final long waitNanos = startNanos + offsetNanos - System.nanoTime();
            if (waitNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(waitNanos);
            }
            final long ts = retime ? startMillis + offsetNanos / 1_000_000L : record.epochMillis();
            final long seq = seqs.merge(record.deviceId(), 1L, Long::sum) - 1;
            final String topic = DeviceType.fromDeviceId(record.deviceId()).telemetryTopic(community,
                    record.deviceId());
            sent.increment();
            connections.get(record.deviceId()).publish(topic, TelemetryPayload.bytes(ts, seq, record.metrics()), 1,
                    new Outcome());
        }
    }

    /** Readings handed to the connections so far. */
    public long sent() {
        return sent.sum();
    }

    /** Readings the gateway acknowledged. */
    public long acked() {
        return acked.sum();
    }

    /** Readings refused or lost. */
    public long errors() {
        return errors.sum();
    }

    private final class Outcome implements PublishListener {
        @Override
        public void acked() {
            acked.increment();
        }

        @Override
        public void rejected(final int reasonCode) {
            errors.increment();
        }

        @Override
        public void failed(final Throwable cause) {
            errors.increment();
        }
    }
}
