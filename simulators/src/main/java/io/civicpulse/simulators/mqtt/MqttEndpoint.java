// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/**
 * Where the gateway's MQTT listener is: {@code HOST:PORT}, IPv6 hosts in brackets ({@code [::1]:1883}).
 *
 * @param host host name or address
 * @param port TCP port, 1..65535
 */
public record MqttEndpoint(String host, int port) {

    /** Default endpoint: 127.0.0.1:1883. Pass the gateway's real port; nothing here assumes a broker. */
    public static final MqttEndpoint DEFAULT = new MqttEndpoint("127.0.0.1", 1883);

    /**
     * @throws IllegalArgumentException if the host is blank or the port is outside 1..65535
     */
    public MqttEndpoint {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("MQTT host must not be blank.");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("MQTT port must be within 1..65535, was " + port);
        }
    }

    /**
     * Parses {@code HOST:PORT}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static MqttEndpoint parse(final String text) {
        final String value = text == null ? "" : text.trim();
        final int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("invalid MQTT address '" + text
                    + "': expected HOST:PORT, e.g. 127.0.0.1:1883");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new MqttEndpoint(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (final NumberFormatException e) {
            throw new IllegalArgumentException("invalid MQTT address '" + text + "': the port is not a number");
        }
    }

    /** The Paho server URI, {@code tcp://host:port}. */
    public String serverUri() {
        return "tcp://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
