// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

/**
 * A parsed telemetry topic {@code cp/{community}/{deviceType}/{deviceId}/telemetry}.
 *
 * @param community  community id
 * @param deviceType device type
 * @param deviceId   device id
 */
public record TelemetryTopic(String community, String deviceType, String deviceId) {

    /**
     * @param topic a PUBLISH topic name
     * @return the parts, or null when the topic is not a telemetry topic
     */
    public static TelemetryTopic parse(final String topic) {
        if (!topic.startsWith("cp/") || !topic.endsWith("/telemetry")) {
            return null;
        }
        final String[] parts = topic.split("/", -1);
        if (parts.length != 5 || parts[1].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()) {
            return null;
        }
        return new TelemetryTopic(parts[1], parts[2], parts[3]);
    }
}
