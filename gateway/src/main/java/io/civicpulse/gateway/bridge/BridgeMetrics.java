// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

/**
 * Metric names of the broker bridge, declared once (CONVENTIONS.md #13). The ingest outcome of every bridged
 * message is counted under {@code gateway.ingest.messages} like a message from the listener.
 */
public final class BridgeMetrics {
    /** Gauge: 1 while the bridge is connected and subscribed, else 0. */
    public static final String CONNECTED = "gateway.bridge.connected";
    /** Counter of connection attempts by {@code outcome} ({@code success}, {@code failure}). */
    public static final String CONNECTS = "gateway.bridge.connects";
    /** Counter of messages acknowledged to the broker (each after its reading was stored or finally refused). */
    public static final String ACKS = "gateway.bridge.acks";
    /** Counter of acknowledgements the MQTT client refused to send: those messages come again and are stored twice. */
    public static final String ACK_FAILURES = "gateway.bridge.ack.failures";
    /** Counter of ingest attempts repeated after a transient refusal (a full lane or writer, a store failure). */
    public static final String RETRIES = "gateway.bridge.retries";
    /**
     * Counter of messages that arrived with the DUP flag (sent before on an earlier connection). Not every broker
     * sets it on redelivery: Mosquitto 2.0.11 does not.
     */
    public static final String REDELIVERIES = "gateway.bridge.redeliveries";
    /**
     * Counter of messages taken but not yet acknowledged when a connection was lost: the broker sends them again,
     * so each one already stored is stored twice (the duplicates a lost connection can cause).
     */
    public static final String UNACKED_ON_LOSS = "gateway.bridge.unacked.on.loss";
    /** Gauge of messages received on the current connection and not yet acknowledged. */
    public static final String INFLIGHT = "gateway.bridge.inflight";

    private BridgeMetrics() {
    }
}
