// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;

/**
 * The verdict on a CONNECT, with the CONNACK code for each protocol version.
 */
public enum ConnectOutcome {
    /** Accepted. */
    ACCEPTED(MqttConnectReturnCode.CONNECTION_ACCEPTED, MqttConnectReturnCode.CONNECTION_ACCEPTED),
    /** Neither a registered device id nor a crew account. */
    UNKNOWN_CLIENT(MqttConnectReturnCode.CONNECTION_REFUSED_IDENTIFIER_REJECTED,
            MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID),
    /** Wrong or missing password, or a device whose user name is not its client id. */
    BAD_CREDENTIALS(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD,
            MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD),
    /** A protocol level other than 4 (3.1.1) or 5. */
    UNSUPPORTED_PROTOCOL(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION,
            MqttConnectReturnCode.CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION),
    /** Too many CONNECTs are waiting for password checks. */
    SERVER_BUSY(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_BUSY),
    /** {@code mqtt.limits.maxConnections} connections are open already. */
    TOO_MANY_CONNECTIONS(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_QUOTA_EXCEEDED),
    /** The remote address failed to log in too often recently; refused without checking the password. */
    THROTTLED(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_CONNECTION_RATE_EXCEEDED),
    /** The will topic is not one the client may publish on. */
    WILL_NOT_AUTHORIZED(MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED,
            MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5),
    /** A will QoS above {@code mqtt.maximumQos}. */
    QOS_NOT_SUPPORTED(MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE,
            MqttConnectReturnCode.CONNECTION_REFUSED_QOS_NOT_SUPPORTED);

    private final MqttConnectReturnCode v3Code;
    private final MqttConnectReturnCode v5Code;

    ConnectOutcome(final MqttConnectReturnCode v3Code, final MqttConnectReturnCode v5Code) {
        this.v3Code = v3Code;
        this.v5Code = v5Code;
    }

    /**
     * @param mqtt5 whether the client speaks MQTT 5
     * @return the CONNACK return code (3.1.1) or reason code (5)
     */
    public MqttConnectReturnCode code(final boolean mqtt5) {
        return mqtt5 ? v5Code : v3Code;
    }

    /** @return the lower-case tag value used in metrics */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
