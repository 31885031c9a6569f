// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.Channel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One connection per client id: a new CONNECT with the same id takes over and the old connection is closed
 * (MQTT 3.1.1 §3.1.4-2, MQTT 5 §3.1.4-3). Thread-safe.
 */
public final class SessionRegistry {
    private final ConcurrentMap<String, Channel> byClientId = new ConcurrentHashMap<>();
    /** Open sockets, connected or still before CONNECT: what {@code mqtt.limits.maxConnections} caps. */
    private final AtomicInteger sockets = new AtomicInteger();

    /**
     * Counts a new socket. Up to {@code max} sockets are admitted. Beyond, a few more (a tenth of {@code max}, at
     * least 64) are let in only to be told "quota exceeded" in their CONNACK, which a client understands better than
     * a dropped socket; past those, nothing is counted and the socket must be closed at once.
     *
     * @param max the most sockets admitted ({@code mqtt.limits.maxConnections})
     * @return what to do with the socket
     */
    public Admission socketOpened(final int max) {
        final long refuseAt = max + Math.max(64L, max / 10L);
        while (true) {
            final int n = sockets.get();
            if (n >= refuseAt) {
                return Admission.CLOSE;
            }
            if (sockets.compareAndSet(n, n + 1)) {
                return n < max ? Admission.ADMITTED : Admission.OVER_CAP;
            }
        }
    }

    /** What happens to a new socket. */
    public enum Admission {
        /** Under the cap: served normally. */
        ADMITTED,
        /** Over the cap: its CONNECT is refused with "quota exceeded" (unless it takes over its own session). */
        OVER_CAP,
        /** Far over the cap: not counted, closed before anything is read. */
        CLOSE
    }

    /** Uncounts a socket that {@link #socketOpened} counted. */
    public void socketClosed() {
        sockets.decrementAndGet();
    }

    /** @return open sockets counted by {@link #socketOpened}, connected or not */
    public int sockets() {
        return sockets.get();
    }

    /**
     * @param clientId the client id
     * @param channel  its new connection
     * @return the connection it replaces, or null
     */
    public Channel register(final String clientId, final Channel channel) {
        return byClientId.put(clientId, channel);
    }

    /**
     * Forgets a connection, unless it was already replaced by a newer one.
     *
     * @param clientId the client id
     * @param channel  the closed connection
     */
    public void unregister(final String clientId, final Channel channel) {
        byClientId.remove(clientId, channel);
    }

    /**
     * @param clientId a client id
     * @return true while a connection holds it
     */
    public boolean contains(final String clientId) {
        return byClientId.containsKey(clientId);
    }

    /** @return the number of connected clients */
    public int size() {
        return byClientId.size();
    }
}
