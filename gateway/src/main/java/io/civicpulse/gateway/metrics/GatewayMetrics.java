// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.metrics;

/**
 * Metric names, declared once (CONVENTIONS.md #13). Tags take values from enums only; never device ids.
 */
public final class GatewayMetrics {
    /** Counter of PUBLISH packets by {@code outcome} ({@link io.civicpulse.gateway.ingest.IngestOutcome}). */
    public static final String INGEST_MESSAGES = "gateway.ingest.messages";
    /** Timer from PUBLISH received to reading durably stored (QoS 1 acknowledgement time). */
    public static final String INGEST_ACK_LATENCY = "gateway.ingest.ack.latency";
    /** Gauge of readings waiting in a lane, tagged {@code lane}. */
    public static final String LANE_QUEUE_DEPTH = "gateway.ingest.lane.queue.depth";
    /**
     * Counter of device reports (connection lost or accepted, payload refused) a lane's full control queue could not
     * take; the rules did not hear them.
     */
    public static final String LANE_CONTROL_DROPPED = "gateway.ingest.lane.control.dropped";
    /** Timer of one rules evaluation of a lane batch. */
    public static final String RULES_EVALUATION = "gateway.rules.evaluation.duration";
    /** Counter of anomalies by {@code status} (raised, cleared). */
    public static final String RULES_ANOMALIES = "gateway.rules.anomalies";
    /** Counter of CONNECT attempts by {@code outcome} ({@link io.civicpulse.gateway.mqtt.ConnectOutcome}). */
    public static final String MQTT_CONNECTS = "gateway.mqtt.connects";
    /** Gauge of open MQTT connections. */
    public static final String MQTT_CONNECTIONS = "gateway.mqtt.connections";
    /** Counter of connections closed by the gateway, by {@code reason}. */
    public static final String MQTT_DISCONNECTS = "gateway.mqtt.disconnects";
    /** Counter of alert messages delivered to subscribers. */
    public static final String ALERTS_DELIVERED = "gateway.alerts.delivered";

    private GatewayMetrics() {
    }
}
