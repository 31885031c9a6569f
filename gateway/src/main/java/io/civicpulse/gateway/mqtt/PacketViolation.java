// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * A packet the {@link MqttFrameGuard} found breaking the MQTT structure rules that netty-codec-mqtt does not check.
 * It reaches the connection handler as a failed decoder result and closes the connection with this MQTT 5 reason
 * code. No stack trace: it is expected input, not a bug.
 */
final class PacketViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final byte reasonCode;

    /**
     * @param reasonCode MQTT 5 DISCONNECT reason code (0x81 malformed packet or 0x82 protocol error)
     * @param reason     what was wrong, in words
     */
    PacketViolation(final int reasonCode, final String reason) {
        super(reason, null, false, false);
        this.reasonCode = (byte) reasonCode;
    }

    byte reasonCode() {
        return reasonCode;
    }

    /** @return the bounded metric tag of the reason code */
    String tag() {
        return reasonCode == PacketStructure.PROTOCOL_ERROR ? "protocol_error" : "malformed_packet";
    }
}
