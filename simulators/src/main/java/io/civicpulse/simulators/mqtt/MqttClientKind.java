// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/** Which MQTT client library speaks for the simulated devices. */
public enum MqttClientKind {
    /** Eclipse Paho: the reference client, about three threads per connection (a few thousand per process). */
    PAHO,
    /** Netty's MQTT codec on one shared event loop: tens of thousands of connections on two threads. */
    NETTY;

    /**
     * Parses {@code paho} or {@code netty}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static MqttClientKind parse(final String text) {
        final String value = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (value) {
            case "paho" -> PAHO;
            case "netty" -> NETTY;
            default -> throw new IllegalArgumentException("invalid MQTT client '" + text + "': use paho or netty");
        };
    }
}
