// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * Metric names of the MQTT broker, declared once (CONVENTIONS.md #13). Tag values are bounded words, never client
 * or device ids.
 */
public final class MqttMetrics {
    /** Counter of application messages routed by the broker (each PUBLISH once). */
    public static final String MESSAGES_ROUTED = "gateway.mqtt.messages.routed";
    /** Counter of deliveries to sessions (sent or queued). */
    public static final String MESSAGES_DELIVERED = "gateway.mqtt.messages.delivered";
    /** Counter of messages not delivered, by {@code reason} (expired, queue_overflow, too_large). */
    public static final String MESSAGES_DROPPED = "gateway.mqtt.messages.dropped";
    /** Counter of refusals by a limit, by {@code limit} (max_connections, message_rate, auth_throttled). */
    public static final String LIMITS = "gateway.mqtt.limits";
    /** Gauge of sessions, connected or not. */
    public static final String SESSIONS = "gateway.mqtt.sessions";
    /** Gauge of messages waiting in session queues. */
    public static final String QUEUED = "gateway.mqtt.sessions.queued";
    /** Gauge of retained messages. */
    public static final String RETAINED = "gateway.mqtt.retained";
    /** Counter of wills published, by {@code source} (client, gateway). */
    public static final String WILLS = "gateway.mqtt.wills";
    /** Counter of session snapshot writes that failed. */
    public static final String PERSIST_FAILURES = "gateway.mqtt.sessions.persist.failures";

    private MqttMetrics() {
    }
}
