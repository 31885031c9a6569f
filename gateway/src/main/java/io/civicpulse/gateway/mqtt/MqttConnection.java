// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.Device;
import io.netty.channel.Channel;

import java.util.HashMap;
import java.util.Map;

/**
 * The state of one connection that outlives a single packet: who it is, its session, its acknowledgement order,
 * topic aliases and rate bucket. The session itself may outlive the connection.
 *
 * <p>Not thread-safe: used only on the connection's event loop.
 */
final class MqttConnection {
    private final Channel channel;
    private final AckSequencer acks = new AckSequencer();
    private final Map<Integer, String> topicAliases = new HashMap<>();
    private boolean mqtt5;
    private String clientId;
    private String sessionKey;
    private ClientIdentity identity;
    private Session session;
    private TokenBucket bucket;
    private boolean graceful;
    private String closeReason = "connection lost";

    MqttConnection(final Channel channel) {
        this.channel = channel;
    }

    Channel channel() {
        return channel;
    }

    AckSequencer acks() {
        return acks;
    }

    Map<Integer, String> topicAliases() {
        return topicAliases;
    }

    boolean mqtt5() {
        return mqtt5;
    }

    void mqtt5(final boolean v) {
        mqtt5 = v;
    }

    String clientId() {
        return clientId;
    }

    void clientId(final String id) {
        clientId = id;
    }

    /** @return the key of the session (the client id, or the id assigned to an empty one) */
    String sessionKey() {
        return sessionKey;
    }

    ClientIdentity identity() {
        return identity;
    }

    /** @return the device, or null when the client is not one */
    Device device() {
        return identity instanceof ClientIdentity.DeviceClient d ? d.device() : null;
    }

    Session session() {
        return session;
    }

    TokenBucket bucket() {
        return bucket;
    }

    /** Records an accepted CONNECT. */
    void accepted(final ClientIdentity who, final String key, final Session s, final TokenBucket b) {
        identity = who;
        sessionKey = key;
        session = s;
        bucket = b;
    }

    boolean graceful() {
        return graceful;
    }

    /** Marks a normal DISCONNECT: the will is discarded. */
    void graceful(final boolean v) {
        graceful = v;
    }

    String closeReason() {
        return closeReason;
    }

    void closeReason(final String reason) {
        closeReason = reason;
    }
}
