// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.Channel;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One connection per client id: a new CONNECT with the same id takes over and the old connection is closed
 * (MQTT 3.1.1 §3.1.4-2, MQTT 5 §3.1.4-3). Thread-safe.
 */
public final class SessionRegistry {
    private final ConcurrentMap<String, Channel> byClientId = new ConcurrentHashMap<>();

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
