// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/** The MQTT version a simulated device speaks; each has its own Paho client. */
public enum MqttProtocol {
    /** MQTT 5 through Paho's mqttv5 client: negative PUBACKs carry a reason code. */
    V5,
    /** MQTT 3.1.1 through Paho's mqttv3 client: refused publishes are silently dropped by the gateway. */
    V3;

    /**
     * Parses {@code 5} or {@code 3} (also {@code 3.1.1}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static MqttProtocol parse(final String text) {
        final String value = text == null ? "" : text.trim();
        return switch (value) {
            case "5", "5.0", "v5" -> V5;
            case "3", "3.1.1", "v3", "4" -> V3;
            default -> throw new IllegalArgumentException("invalid MQTT protocol '" + text + "': use 5 or 3");
        };
    }

    /** The number shown to people: {@code 5} or {@code 3.1.1}. */
    public String label() {
        return this == V5 ? "5" : "3.1.1";
    }
}
