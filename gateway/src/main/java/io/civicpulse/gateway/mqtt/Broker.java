// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.registry.Device;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The broker core behind the listener: sessions, the subscription tree, retained messages, routing, wills, and
 * their persistence. Knows connections only as the channels sessions write to.
 *
 * <p>Thread-safe. Owns one timer thread ({@code cp-broker-timer}) for will delays, session expiry and flushing
 * sessions to the store.
 */
public final class Broker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    private final SubscriptionTree tree = new SubscriptionTree();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "cp-broker-timer");
        t.setDaemon(true);
        return t;
    });
    private final SessionStore store;
    private final SessionPersister persister;
    private final RetainedStore retained;
    private final SessionManager sessions;
    private final MessageRouter router;
    private final WillService wills;
    private final BrokerMeters meters;
    private final GatewayConfig.Sessions config;
    private final DeviceStatusListener listener;
    private final LongSupplier clock;

    /**
     * @param config   the MQTT settings
     * @param store    where persistent sessions and retained messages are kept ({@link SessionStore#NONE} for none)
     * @param listener told when a device connects or goes offline
     * @param registry meters
     * @param clock    epoch milliseconds
     */
    public Broker(final GatewayConfig.Mqtt config, final SessionStore store, final DeviceStatusListener listener,
                  final MeterRegistry registry, final LongSupplier clock) {
        this.store = store;
        this.config = config.sessions();
        this.listener = listener;
        this.clock = clock;
        this.meters = new BrokerMeters(registry);
        this.sessions = new SessionManager(config.sessions(), config.limits().maxInflight(), tree, timer, meters,
                clock);
        final SessionPersister[] holder = new SessionPersister[1];
        this.retained = new RetainedStore(topic -> holder[0].retainedChanged(topic));
        this.persister = new SessionPersister(store, sessions::get, retained::get,
                registry.counter(MqttMetrics.PERSIST_FAILURES));
        holder[0] = persister;
        sessions.persister(persister);
        this.router = new MessageRouter(tree, retained, sessions::get, meters, clock);
        this.wills = new WillService(router, timer, listener, meters, clock);
        Gauge.builder(MqttMetrics.SESSIONS, sessions, SessionManager::size).register(registry);
        Gauge.builder(MqttMetrics.RETAINED, retained, RetainedStore::size).register(registry);
        Gauge.builder(MqttMetrics.QUEUED, sessions, s -> s.all().stream().mapToInt(Session::queued).sum())
                .register(registry);
    }

    /** Restores stored sessions and retained messages, and starts flushing changes. */
    public void start() {
        store.loadRetained().forEach(retained::restore);
        // A will pending at the stop (its delay running, or its client still connected at a crash) is still owed.
        store.loadSessions().stream().map(sessions::restore).filter(s -> s.will() != null)
                .forEach(wills::restored);
        LOG.info("Broker restored {} persistent sessions and {} retained messages", sessions.size(), retained.size());
        final long every = config.flushInterval().toMillis();
        timer.scheduleWithFixedDelay(persister::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Publishes a message to every matching subscriber, as the gateway or on behalf of a client.
     *
     * @param message the message
     * @return the number of sessions it was sent or queued to
     */
    public int publish(final BrokerMessage message) {
        return router.publish(message);
    }

    /**
     * Tells the device status listener that a device's connection was accepted. Called on the connection's event
     * loop; a failing listener is logged, never passed on to the connection.
     *
     * @param device the device that connected
     */
    void deviceConnected(final Device device) {
        try {
            listener.onDeviceConnected(device, Instant.ofEpochMilli(clock.getAsLong()));
        } catch (final RuntimeException e) {
            LOG.warn("Device status listener failed for the connection of {}", device.id(), e);
        }
    }

    SessionManager sessions() {
        return sessions;
    }

    SubscriptionTree tree() {
        return tree;
    }

    MessageRouter router() {
        return router;
    }

    WillService wills() {
        return wills;
    }

    BrokerMeters meters() {
        return meters;
    }

    /** Writes what changed since the last flush (tests and shutdown). */
    void flush() {
        persister.flush();
    }

    /** Stops the timer and writes every change to the store before closing it. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persister.flush();
        store.close();
    }
}
