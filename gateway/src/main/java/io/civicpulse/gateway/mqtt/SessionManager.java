// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Creates, resumes and ends sessions (MQTT 5 §3.1.2.4 Clean Start, §3.1.2.11.2 Session Expiry Interval; MQTT 3.1.1
 * §3.1.2.4 Clean Session). A session whose expiry is above zero outlives its connection and is written to the
 * session store; it ends when it stays offline longer than its expiry.
 *
 * <p>Thread-safe.
 */
final class SessionManager {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final GatewayConfig.Sessions config;
    private final int maxInflight;
    private final SubscriptionTree tree;
    private final ScheduledExecutorService timer;
    private final BrokerMeters meters;
    private final LongSupplier clock;
    private SessionPersister persister;

    SessionManager(final GatewayConfig.Sessions config, final int maxInflight, final SubscriptionTree tree,
                   final ScheduledExecutorService timer, final BrokerMeters meters, final LongSupplier clock) {
        this.config = config;
        this.maxInflight = maxInflight;
        this.tree = tree;
        this.timer = timer;
        this.meters = meters;
        this.clock = clock;
    }

    /** @param p the persister told about changes (set once at start-up) */
    void persister(final SessionPersister p) {
        this.persister = p;
    }

    /**
     * @param clientId   the client id
     * @param cleanStart discard any existing session
     * @param expiry     the requested session expiry in seconds (capped by {@code mqtt.session.maxExpiry})
     * @return the session and whether it existed before (CONNACK Session Present)
     */
    Opened open(final String clientId, final boolean cleanStart, final long expiry) {
        final long granted = Math.min(expiry, config.maxExpiry().toSeconds());
        synchronized (this) {
            Session existing = sessions.get(clientId);
            if (existing != null && cleanStart) {
                end(existing);
                existing = null;
            }
            if (existing != null) {
                existing.cancelTimers();
                existing.expirySeconds(granted);
                return new Opened(existing, true, granted);
            }
            final Session fresh = create(clientId);
            fresh.expirySeconds(granted);
            return new Opened(fresh, false, granted);
        }
    }

    private Session create(final String clientId) {
        final Session s = new Session(clientId, config.maxQueued(), maxInflight, clock, meters);
        sessions.put(clientId, s);
        if (persister != null) {
            s.onChange(() -> persister.sessionChanged(clientId));
        }
        return s;
    }

    /**
     * @param snapshot a session read from disk at start-up
     * @return the restored session, offline
     */
    Session restore(final SessionSnapshot snapshot) {
        final Session s = create(snapshot.clientId());
        s.restore(snapshot);
        snapshot.subscriptions().forEach(tree::add);
        final long remaining = s.disconnectedAt() + snapshot.expirySeconds() * 1000 - clock.getAsLong();
        scheduleExpiry(s, Math.max(0, remaining));
        return s;
    }

    /**
     * Called when a connection closed. Returns false when the session is no longer this connection's (taken over
     * by a newer connection, or ended by a clean start), in which case nothing else may be done with it.
     *
     * @param s  the session
     * @param ch the closed connection
     * @return true when the session is now offline and still current
     */
    boolean disconnected(final Session s, final Channel ch) {
        return s.detach(ch) && sessions.get(s.clientId()) == s;
    }

    /**
     * Ends a session at once when its expiry is zero, else when it stays offline that long.
     *
     * @param s an offline session
     */
    void expireLater(final Session s) {
        scheduleExpiry(s, s.expirySeconds() * 1000);
    }

    private void scheduleExpiry(final Session s, final long delayMillis) {
        if (delayMillis <= 0) {
            end(s);
            return;
        }
        s.addTimer(timer.schedule(() -> {
            if (!s.online() && sessions.get(s.clientId()) == s) {
                LOG.info("Session of {} expired after {} s offline", s.clientId(), s.expirySeconds());
                end(s);
            }
        }, delayMillis, TimeUnit.MILLISECONDS));
    }

    /** @param s a session to end: its subscriptions and queued messages are discarded */
    void end(final Session s) {
        if (!sessions.remove(s.clientId(), s)) {
            return;
        }
        s.cancelTimers();
        for (final Subscription sub : s.subscriptions()) {
            tree.remove(s.clientId(), sub.filter());
        }
        if (persister != null) {
            persister.sessionEnded(s.clientId());
        }
    }

    /**
     * @param clientId a client id
     * @return its session, or null
     */
    Session get(final String clientId) {
        return sessions.get(clientId);
    }

    /** @return every session */
    Collection<Session> all() {
        return sessions.values();
    }

    /** @return the number of sessions */
    int size() {
        return sessions.size();
    }

    /**
     * An opened session.
     *
     * @param session the session
     * @param present whether it existed before this CONNECT
     * @param expiry  the granted session expiry in seconds
     */
    record Opened(Session session, boolean present, long expiry) {
    }
}
