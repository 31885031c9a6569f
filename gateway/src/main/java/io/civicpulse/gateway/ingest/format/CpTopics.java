// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.registry.Device;

/**
 * The gateway's own device topics, {@code cp/{community}/{type}/{deviceId}/{kind}}: the kind ({@code telemetry},
 * {@code senml}) is the routing filter's business, the other levels name the device.
 */
final class CpTopics {
    /** The template shared by the formats that use these topics; the last level is set by the filter. */
    static final String TEMPLATE = "cp/{community}/{type}/{deviceId}/+";

    private CpTopics() {
    }

    /**
     * @param topic a topic name
     * @return the device it names, or null when it is not {@code cp/} and four non-empty levels
     */
    static DeviceKey parse(final String topic) {
        final String[] parts = topic.split("/", -1);
        if (parts.length != 5 || !"cp".equals(parts[0])) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                return null;
            }
        }
        return new DeviceKey(parts[3], null, parts[1], parts[2]);
    }

    /**
     * @param device a device
     * @param topic  a {@code cp/…} topic name
     * @return the topic of the same kind for that device
     */
    static String ownTopic(final Device device, final String topic) {
        return "cp/" + device.community() + "/" + device.type() + "/" + device.id() + "/"
                + topic.substring(topic.lastIndexOf('/') + 1);
    }
}
