// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One device's MQTT connection, hiding whether Paho's v5 or v3 client speaks for it.
 *
 * <p>Thread-safe. Automatic reconnect is on once the first connect succeeded; retrying a failed first
 * connect is the caller's choice.
 */
public interface DeviceConnection {

    /** The client id (the device id). */
    String clientId();

    /**
     * Starts connecting.
     *
     * @return completes when the CONNACK accepted the connection, or exceptionally with the refusal
     */
    CompletableFuture<Void> connect();

    /** Whether the connection is up now. */
    boolean isConnected();

    /**
     * The Receive Maximum the server announced in its CONNACK (MQTT 5 only), or 0 if it sent none.
     * A caller's QoS 1 window must stay at or below it.
     */
    int serverReceiveMaximum();

    /** Publishes without blocking; the listener hears the outcome. Never throws. */
    void publish(String topic, byte[] payload, int qos, PublishListener listener);

    /**
     * Cuts the connection without DISCONNECT, as a lost radio link or a power cut would, so the gateway
     * publishes the device's Last Will. No automatic reconnect follows; call {@link #connect()} to come back.
     *
     * @throws UnsupportedOperationException if the client cannot drop a connection abruptly (Paho)
     */
    default void drop() {
        throw new UnsupportedOperationException("this MQTT client cannot drop a connection abruptly; use the netty"
                + " client for network dropouts");
    }

    /** Disconnects cleanly if connected, waiting up to {@code timeout}, and releases the client. Never throws. */
    void close(Duration timeout);
}
