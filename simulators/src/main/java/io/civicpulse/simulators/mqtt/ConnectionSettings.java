// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

/**
 * How one device connects.
 *
 * @param endpoint where the gateway listens
 * @param clientId MQTT client id; the protocol wants it equal to the device id and the user name
 * @param password the device secret
 * @param keepAliveSeconds MQTT keep alive, seconds
 * @param maxInflight QoS 1 publishes the client may have unacknowledged; callers keep their own window
 *        below it (Paho refuses a publish beyond it)
 * @param will the Last Will the gateway publishes when the connection ends without DISCONNECT, or null for none
 */
public record ConnectionSettings(MqttEndpoint endpoint, String clientId, String password, int keepAliveSeconds,
                                 int maxInflight, WillMessage will) {

    public static final int DEFAULT_KEEP_ALIVE_SECONDS = 30;
    /** Paho's automatic reconnect backs off up to this delay, seconds. */
    public static final int MAX_RECONNECT_DELAY_SECONDS = 30;
    public static final int CONNECTION_TIMEOUT_SECONDS = 10;

    /**
     * @throws IllegalArgumentException if an argument is null or out of range
     */
    public ConnectionSettings {
        if (endpoint == null || clientId == null || clientId.isEmpty() || password == null) {
            throw new IllegalArgumentException("endpoint, clientId and password must not be null or empty.");
        }
        if (keepAliveSeconds < 0 || keepAliveSeconds > 65535) {
            throw new IllegalArgumentException("keepAliveSeconds must be within 0..65535, was " + keepAliveSeconds);
        }
        if (maxInflight < 1 || maxInflight > 65535) {
            throw new IllegalArgumentException("maxInflight must be within 1..65535, was " + maxInflight);
        }
    }

    /** Settings without a Last Will. */
    public ConnectionSettings(final MqttEndpoint endpoint, final String clientId, final String password,
                              final int keepAliveSeconds, final int maxInflight) {
        this(endpoint, clientId, password, keepAliveSeconds, maxInflight, null);
    }

    /** The same settings with {@code value} as the Last Will. */
    public ConnectionSettings withWill(final WillMessage value) {
        return new ConnectionSettings(endpoint, clientId, password, keepAliveSeconds, maxInflight, value);
    }

    /** The user name: the device id, as the protocol requires. */
    public String username() {
        return clientId;
    }
}
