// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.bootstrap.StartupException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Consumes an existing MQTT broker through MQTT 5 shared subscriptions ({@code $share/{group}/{filter}}) with a
 * persistent session, and acknowledges each QoS 1 message only once {@link BridgeIngest} reports the reading
 * durably stored or finally refused. Several gateway instances with the same group and different client ids split
 * the messages between them; the broker redelivers whatever one of them did not acknowledge.
 *
 * <ul>
 *   <li><b>Session:</b> clean start false and {@code bridge.sessionExpiry}: after a restart or a lost connection
 *       the broker resumes the session, resends unacknowledged messages and hands over what it queued.</li>
 *   <li><b>Reconnects</b> with exponential backoff and jitter, from {@code bridge.reconnectMinDelay} to
 *       {@code bridge.reconnectMaxDelay}; an unreachable broker at start-up does not stop the gateway.</li>
 *   <li><b>Flow control:</b> the broker may send {@code bridge.maxInflight} unacknowledged messages (MQTT 5 Receive
 *       Maximum); transient refusals are retried with the ack withheld ({@link BridgeDeliveries}).</li>
 *   <li><b>Duplicates:</b> a message taken but not yet acknowledged when its connection ends arrives again, so one
 *       already stored is stored twice: at most the unacknowledged messages of that connection
 *       ({@code gateway.bridge.unacked.on.loss}). A graceful {@link #close()} stores and acknowledges what it has
 *       taken before it disconnects.</li>
 * </ul>
 *
 * <p>Threads: Paho's threads deliver messages and report lost connections; connection attempts and retries run on
 * the bridge's own scheduler thread. All public methods are thread-safe.
 */
public final class BrokerBridge implements AutoCloseable {
    /** How long {@link #close()} waits for readings already taken to be stored and acknowledged. */
    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridge.class);
    private static final int QOS = 1;

    /** Where the bridge stands, as shown by {@code /health}. */
    public enum State {
        /** Not started, or closed. */
        STOPPED,
        /** Connecting, subscribing, or waiting to reconnect. */
        CONNECTING,
        /** Connected and subscribed. */
        CONNECTED,
        /** Closing: finishing the messages already taken. */
        STOPPING
    }

    private final GatewayConfig.Bridge config;
    private final Backoff reconnectBackoff;
    private final ScheduledExecutorService scheduler;
    private final BridgeDeliveries deliveries;
    private final AtomicInteger failedConnects = new AtomicInteger();
    private final AtomicBoolean reconnectScheduled = new AtomicBoolean();
    private final Counter acks;
    private final Counter ackFailures;
    private final Counter connectSuccesses;
    private final Counter connectFailures;
    private final Counter unackedOnLoss;
    /** The current connection attempt; replaced (never reused) on every reconnect. */
    private volatile BridgeConnection current;
    private volatile State state = State.STOPPED;
    private volatile boolean everSubscribed;

    /**
     * @param config the {@code bridge.*} settings
     * @param ingest takes each message into the ingest path
     * @param meters meters
     * @throws NullPointerException if an argument is null
     */
    public BrokerBridge(final GatewayConfig.Bridge config, final BridgeIngest ingest, final MeterRegistry meters) {
        this.config = Objects.requireNonNull(config, "config must not be null.");
        Objects.requireNonNull(ingest, "ingest must not be null.");
        Objects.requireNonNull(meters, "meters must not be null.");
        this.reconnectBackoff = new Backoff(config.reconnectMinDelay(), config.reconnectMaxDelay(),
                () -> ThreadLocalRandom.current().nextDouble());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "cp-bridge");
            t.setDaemon(true);
            return t;
        });
        this.deliveries = new BridgeDeliveries(ingest, scheduler, config.maxInflight(), meters);
        this.acks = Counter.builder(BridgeMetrics.ACKS).register(meters);
        this.ackFailures = Counter.builder(BridgeMetrics.ACK_FAILURES).register(meters);
        this.connectSuccesses = Counter.builder(BridgeMetrics.CONNECTS).tag("outcome", "success").register(meters);
        this.connectFailures = Counter.builder(BridgeMetrics.CONNECTS).tag("outcome", "failure").register(meters);
        this.unackedOnLoss = Counter.builder(BridgeMetrics.UNACKED_ON_LOSS).register(meters);
        Gauge.builder(BridgeMetrics.CONNECTED, this, b -> b.state == State.CONNECTED ? 1 : 0).register(meters);
        Gauge.builder(BridgeMetrics.INFLIGHT, this, BrokerBridge::inflight).register(meters);
    }

    /**
     * Checks that Paho accepts {@code bridge.url} and {@code bridge.clientId}, then starts connecting in the
     * background; returns at once. An unreachable broker is retried with backoff, not a start-up failure.
     *
     * @throws StartupException if no client can be created from {@code bridge.url} and {@code bridge.clientId}
     */
    public void start() throws StartupException {
        try {
            BridgeConnection.newClient(config.url(), config.clientId()).close(true);
        } catch (final MqttException | IllegalArgumentException e) {
            throw new StartupException("the broker bridge cannot be created for bridge.url " + config.url()
                    + " and bridge.clientId " + config.clientId() + ": " + e.getMessage(), e);
        }
        state = State.CONNECTING;
        LOG.info("Bridge connecting to {} as {} (group {}, filters {})", config.url(), config.clientId(),
                config.group(), config.filters());
        scheduler.execute(this::connect);
    }

    /** Runs on the scheduler thread. Every attempt gets a new client and ack window (see {@link BridgeConnection}). */
    private void connect() {
        reconnectScheduled.set(false);
        if (deliveries.isStopped()) {
            return;
        }
        state = State.CONNECTING;
        if (current != null) {
            current.retire();
        }
        final BridgeConnection conn;
        try {
            conn = new BridgeConnection(BridgeConnection.newClient(config.url(), config.clientId()), acks,
                    ackFailures);
        } catch (final MqttException | RuntimeException e) {
            connectFailed("connect", e);
            return;
        }
        conn.client().setCallback(new BridgeCallback(this, conn));
        current = conn;
        try {
            conn.client().connect(options(), null, listener(token -> subscribe(conn, token.getSessionPresent()),
                    e -> connectFailed("connect", e)));
        } catch (final MqttException | RuntimeException e) {
            connectFailed("connect", e);
        }
    }

    private MqttConnectionOptions options() {
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(config.sessionExpiry().getSeconds());
        o.setReceiveMaximum(config.maxInflight());
        o.setKeepAliveInterval((int) config.keepAlive().getSeconds());
        o.setConnectionTimeout((int) Math.max(1, config.connectTimeout().getSeconds()));
        o.setAutomaticReconnect(false);
        if (!config.username().isEmpty()) {
            o.setUserName(config.username());
        }
        if (!config.password().isEmpty()) {
            o.setPassword(config.password().getBytes(StandardCharsets.UTF_8));
        }
        return o;
    }

    private void subscribe(final BridgeConnection conn, final boolean sessionPresent) {
        if (!sessionPresent && everSubscribed) {
            LOG.warn("Bridge: the broker at {} did not keep the session of {} (expired, or the broker lost it): "
                    + "messages published meanwhile for this instance are gone", config.url(), config.clientId());
        }
        // Subscribed again also on a resumed session: it is idempotent and restores an expired subscription.
        final MqttSubscription[] subscriptions = config.filters().stream()
                .map(f -> new MqttSubscription(sharedFilter(f), QOS)).toArray(MqttSubscription[]::new);
        try {
            conn.client().subscribe(subscriptions, null, listener(token -> subscribed(conn, token, sessionPresent),
                    e -> connectFailed("subscribe", e)), new MqttProperties());
        } catch (final MqttException | RuntimeException e) {
            connectFailed("subscribe", e);
        }
    }

    private void subscribed(final BridgeConnection conn, final IMqttToken token, final boolean sessionPresent) {
        final int[] codes = token.getReasonCodes();
        for (int i = 0; i < config.filters().size(); i++) {
            final int code = codes == null || i >= codes.length ? 0x80 : codes[i];
            if (code >= 0x80) {
                // Usually the broker's ACL; retried with backoff, so fixing the ACL needs no gateway restart. The
                // disconnect runs on the scheduler (this is Paho's thread, which must not wait on Paho), before the
                // reconnect connectFailed schedules there.
                try {
                    scheduler.execute(conn::disconnect);
                } catch (final RejectedExecutionException e) {
                    return;
                }
                connectFailed("subscribe", new IllegalStateException("the broker refused "
                        + sharedFilter(config.filters().get(i)) + " with reason 0x" + Integer.toHexString(code)));
                return;
            }
        }
        failedConnects.set(0);
        everSubscribed = true;
        state = State.CONNECTED;
        connectSuccesses.increment();
        LOG.info("Bridge connected to {} as {} ({}), consuming {}", config.url(), config.clientId(),
                sessionPresent ? "session resumed" : "new session",
                config.filters().stream().map(this::sharedFilter).toList());
    }

    private String sharedFilter(final String filter) {
        return "$share/" + config.group() + "/" + filter;
    }

    private void connectFailed(final String step, final Throwable error) {
        connectFailures.increment();
        if (deliveries.isStopped()) {
            return;
        }
        final long delay = reconnectBackoff.delayMillis(failedConnects.getAndIncrement());
        LOG.warn("Bridge {} to {} failed: {}; retrying in {} ms", step, config.url(), describe(error), delay);
        scheduleReconnect(delay);
    }

    /**
     * Takes one message (Paho's callback thread).
     *
     * @param conn    the connection it arrived on
     * @param topic   its topic
     * @param message the message
     */
    void onMessage(final BridgeConnection conn, final String topic, final MqttMessage message) {
        deliveries.take(conn, topic, message);
    }

    /**
     * A connection ended without {@link #close()}: nothing more is acknowledged on it, and the bridge reconnects.
     * Called on one of Paho's threads.
     *
     * @param conn   the connection that ended
     * @param reason what happened, for the log
     */
    void onConnectionLost(final BridgeConnection conn, final String reason) {
        // Taken but not acknowledged: the broker sends these again, so those that get stored are stored twice.
        unackedOnLoss.increment(conn.window().size());
        conn.window().abandon();
        if (deliveries.isStopped() || conn != current) {
            return;
        }
        state = State.CONNECTING;
        final long delay = reconnectBackoff.delayMillis(failedConnects.getAndIncrement());
        LOG.warn("Bridge lost the connection to {}: {}; reconnecting in {} ms", config.url(), reason, delay);
        scheduleReconnect(delay);
    }

    private void scheduleReconnect(final long delayMillis) {
        if (deliveries.isStopped() || !reconnectScheduled.compareAndSet(false, true)) {
            return;
        }
        state = State.CONNECTING;
        try {
            scheduler.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException e) {
            reconnectScheduled.set(false);
        }
    }

    /** @return messages acknowledged to the broker so far */
    long acknowledged() {
        return (long) acks.count();
    }

    /** @return messages taken but not acknowledged when connections were lost, so far */
    long unacknowledgedOnLoss() {
        return (long) unackedOnLoss.count();
    }

    /** @return where the bridge stands */
    public State state() {
        return state;
    }

    /** @return state, broker and client id, and unacknowledged messages, for {@code /health} */
    public Map<String, Object> status() {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", state.name().toLowerCase(Locale.ROOT));
        s.put("url", config.url());
        s.put("clientId", config.clientId());
        s.put("inflight", inflight());
        return s;
    }

    /** @return messages received on the current connection and not yet acknowledged */
    private int inflight() {
        final BridgeConnection conn = current;
        return conn == null ? 0 : conn.window().size();
    }

    /**
     * Stops taking messages, waits up to {@link #DRAIN_TIMEOUT} for those already taken to be stored and
     * acknowledged, then disconnects normally. The session stays on the broker, which keeps this instance's share
     * of new messages (and whatever was not acknowledged) until it returns or {@code bridge.sessionExpiry} passes.
     * Idempotent.
     */
    @Override
    public void close() {
        if (!deliveries.stop()) {
            return;
        }
        state = State.STOPPING;
        final int left = deliveries.awaitDrained(DRAIN_TIMEOUT);
        if (left > 0) {
            LOG.warn("Bridge stops with {} messages not stored within {} s; the broker sends them again", left,
                    DRAIN_TIMEOUT.toSeconds());
        }
        scheduler.shutdownNow();
        final BridgeConnection conn = current;
        final int unacknowledged = conn == null ? 0 : conn.window().size();
        if (conn != null) {
            conn.disconnect();
            conn.retire();
        }
        state = State.STOPPED;
        LOG.info("Bridge to {} stopped; {} messages left unacknowledged for the broker to send again", config.url(),
                unacknowledged);
    }

    private static String describe(final Throwable e) {
        return e.getCause() == null ? e.toString() : e + " (" + e.getCause() + ")";
    }

    private static MqttActionListener listener(final Consumer<IMqttToken> success,
                                               final Consumer<Throwable> failure) {
        return new MqttActionListener() {
            @Override
            public void onSuccess(final IMqttToken token) {
                success.accept(token);
            }

            @Override
            public void onFailure(final IMqttToken token, final Throwable exception) {
                failure.accept(exception);
            }
        };
    }
}
