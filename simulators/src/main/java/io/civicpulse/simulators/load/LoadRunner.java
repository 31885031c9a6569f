// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import io.civicpulse.simulators.device.DeviceType;
import io.civicpulse.simulators.mqtt.ConnectionListener;
import io.civicpulse.simulators.mqtt.ConnectionSettings;
import io.civicpulse.simulators.mqtt.DeviceConnection;
import io.civicpulse.simulators.mqtt.DeviceConnections;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.NettyClientGroup;
import io.civicpulse.simulators.mqtt.MqttErrors;
import io.civicpulse.simulators.registry.DeviceSecrets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark load generator: N streetlight connections publishing as fast as their windows allow,
 * or at a target total rate, for a fixed time; reports throughput and publish-to-ack latency.
 *
 * <p>Threads: {@link #run()} blocks its caller; one sender thread per core drives its share of the
 * connections; Paho adds its own network threads per connection. {@link #stop()} may be called from any
 * thread (e.g. a shutdown hook) to end the run early; {@code run()} then still returns the result.
 */
public final class LoadRunner {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** CONNECTs awaiting their CONNACK at once. */
    private static final int MAX_PENDING_CONNECTS = 64;
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final long IDLE_PARK_NANOS = 20_000;

    private final LoadOptions options;
    private final LatencyRecorder latencies = new LatencyRecorder(LatencyRecorder.DEFAULT_CAPACITY);
    private final LoadConnection.Outcomes outcomes;
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile boolean stopRequested;
    private volatile int connected;
    private NettyClientGroup nettyGroup;

    /** A runner for {@code options}; nothing connects before {@link #run()}. */
    public LoadRunner(final LoadOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null.");
        }
        this.options = options;
        this.outcomes = new LoadConnection.Outcomes(latencies, options.qos() == 1);
    }

    /**
     * Connects, publishes for the configured duration (or until {@link #stop()}), waits for outstanding
     * acks, disconnects and reports.
     *
     * @throws IllegalStateException if no connection could be established, with the first refusal
     * @throws InterruptedException if the calling thread is interrupted
     */
    public LoadResult run() throws InterruptedException {
        final ScheduledThreadPoolExecutor pings = new ScheduledThreadPoolExecutor(1, task -> {
            final Thread thread = new Thread(task, "cp-load-ping");
            thread.setDaemon(true);
            return thread;
        });
        nettyGroup = options.client() == MqttClientKind.NETTY ? new NettyClientGroup(0) : null;
        final List<LoadConnection> connections = connectAll(pings);
        try {
            if (connections.isEmpty()) {
                throw new IllegalStateException("no device could connect to " + options.endpoint() + ": "
                        + firstError.get());
            }
            final long start = System.nanoTime();
            publishUntil(connections, start + options.duration().toNanos());
            awaitDrained(connections);
            return result((System.nanoTime() - start) / 1e9);
        } finally {
            connections.parallelStream().forEach(connection -> connection.connection().close(CLOSE_TIMEOUT));
            pings.shutdownNow();
            if (nettyGroup != null) {
                nettyGroup.close();
            }
        }
    }

    /** Ends the publishing phase early; {@link #run()} drains, disconnects and returns its result. */
    public void stop() {
        stopRequested = true;
    }

    /** Publishes handed to the client so far. */
    public long sent() {
        return outcomes.sent.sum();
    }

    /** Successful completions so far (acks at QoS 1, writes at QoS 0). */
    public long acked() {
        return outcomes.acked.sum();
    }

    /** Errors so far (failed connects, dropped connections, lost publishes). */
    public long errors() {
        return outcomes.errors.sum();
    }

    /** Connections that came up. */
    public int connected() {
        return connected;
    }

    private List<LoadConnection> connectAll(final ScheduledThreadPoolExecutor pings) throws InterruptedException {
        final int digits = options.effectiveIdDigits();
        final List<DeviceConnection> clients = new ArrayList<>();
        final List<CompletableFuture<Void>> attempts = new ArrayList<>();
        // Thousands of simultaneous CONNECTs overflow the listen backlog and trip connect timeouts on both ends;
        // a bounded number in flight brings 10,000 devices up in seconds without refusals.
        final Semaphore pending = new Semaphore(MAX_PENDING_CONNECTS);
        for (int n = 1; n <= options.devices(); n++) {
            final String id = DeviceType.STREETLIGHT.deviceId(n, options.devices(), digits);
            // Paho refuses a QoS 1 publish beyond maxInflight; keep it well above our own window.
            final ConnectionSettings settings = new ConnectionSettings(options.endpoint(), id,
                    DeviceSecrets.secret(options.seed(), id), ConnectionSettings.DEFAULT_KEEP_ALIVE_SECONDS,
                    options.window() * 2);
            final DeviceConnection client = DeviceConnections.create(options.client(), options.protocol(), settings,
                    new DropCounter(id), pings, nettyGroup);
            clients.add(client);
            if (!pending.tryAcquire(CONNECT_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)) {
                attempts.add(CompletableFuture.failedFuture(new TimeoutException("connect queue did not drain")));
                continue;
            }
            final CompletableFuture<Void> attempt = client.connect();
            attempt.whenComplete((ok, error) -> pending.release());
            attempts.add(attempt);
        }
        final List<LoadConnection> up = new ArrayList<>();
        final long deadline = System.nanoTime() + CONNECT_TIMEOUT.toNanos();
        for (int i = 0; i < clients.size(); i++) {
            if (awaitConnect(clients.get(i), attempts.get(i), deadline)) {
                up.add(loadConnection(clients.get(i)));
            } else {
                clients.get(i).close(CLOSE_TIMEOUT);
            }
        }
        connected = up.size();
        return up;
    }

    private boolean awaitConnect(final DeviceConnection client, final CompletableFuture<Void> attempt,
                                 final long deadline) throws InterruptedException {
        try {
            attempt.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (final ExecutionException e) {
            failConnect(client.clientId(), MqttErrors.describe(e.getCause()));
        } catch (final TimeoutException e) {
            failConnect(client.clientId(), "no CONNACK within " + CONNECT_TIMEOUT.toSeconds() + " s");
        }
        return false;
    }

    private void failConnect(final String id, final String reason) {
        outcomes.errors.increment();
        firstError.compareAndSet(null, id + ": " + reason);
    }

    private LoadConnection loadConnection(final DeviceConnection client) {
        int window = options.window();
        if (client.serverReceiveMaximum() > 0) {
            // MQTT 5: never have more QoS 1 publishes in flight than the server said it accepts.
            window = Math.min(window, client.serverReceiveMaximum());
        }
        final String topic = DeviceType.STREETLIGHT.telemetryTopic(options.community(), client.clientId());
        return new LoadConnection(client, topic, options.qos(), window, options.payloadBytes(), outcomes);
    }

    private void publishUntil(final List<LoadConnection> connections, final long deadline)
            throws InterruptedException {
        final int senders = Math.max(1, Math.min(connections.size(), Runtime.getRuntime().availableProcessors()));
        final List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            final List<LoadConnection> share = new ArrayList<>();
            for (int i = s; i < connections.size(); i += senders) {
                share.add(connections.get(i));
            }
            final RatePacer pacer = new RatePacer(elapsed -> options.profile().rateAt(options.rate(),
                    java.time.Duration.ofNanos(elapsed), options.duration()) / senders);
            final Thread thread = new Thread(() -> sendLoop(share, pacer, deadline), "cp-load-sender-" + s);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (final Thread thread : threads) {
            thread.join();
        }
    }

    private void sendLoop(final List<LoadConnection> share, final RatePacer pacer, final long deadline) {
        while (!stopRequested && System.nanoTime() < deadline) {
            boolean progress = false;
            for (final LoadConnection connection : share) {
                if (!pacer.mayPublish()) {
                    break;
                }
                if (connection.tryPublish()) {
                    pacer.published();
                    progress = true;
                }
            }
            if (!progress) {
                // Every window is full (or the pacer says wait): give the acks a moment to come back.
                LockSupport.parkNanos(Math.max(IDLE_PARK_NANOS, Math.min(pacer.nanosUntilNext(), 1_000_000)));
            }
        }
    }

    private void awaitDrained(final List<LoadConnection> connections) {
        final long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !connections.stream().allMatch(LoadConnection::drained)) {
            LockSupport.parkNanos(1_000_000);
        }
    }

    private LoadResult result(final double seconds) {
        final long[] p = latencies.percentiles(50, 95, 99);
        final long acked = outcomes.acked.sum();
        final int payloadBytes = LoadConnection.payload(System.currentTimeMillis(), 0, options.payloadBytes()).length;
        return new LoadResult(options.protocol().label(), options.qos(), options.devices(), connected,
                options.window(), options.rate(), payloadBytes,
                seconds, outcomes.sent.sum(), acked, outcomes.rejected.sum(), outcomes.errors.sum(),
                seconds > 0 ? acked / seconds : 0, Math.min(latencies.count(), LatencyRecorder.DEFAULT_CAPACITY),
                p[0] / 1e6, p[1] / 1e6, p[2] / 1e6, latencies.maxNanos() / 1e6, options.profile().toString());
    }

    /** Counts connections the gateway drops during the run. */
    private final class DropCounter implements ConnectionListener {
        private final String id;

        DropCounter(final String id) {
            this.id = id;
        }

        @Override
        public void connected(final boolean reconnect) {
            // Counted through the connect future.
        }

        @Override
        public void connectionLost(final String reason) {
            outcomes.errors.increment();
            firstError.compareAndSet(null, id + ": connection lost: " + reason);
        }
    }
}
