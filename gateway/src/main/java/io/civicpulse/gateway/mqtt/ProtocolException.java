// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * A client broke the protocol or a limit: the connection is closed with this MQTT 5 DISCONNECT reason code and
 * reason string (MQTT 3.1.1 clients are simply disconnected). Carries no stack trace; caught in one place, the
 * connection handler, which hands it to the {@link Disconnector}.
 */
final class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    private final byte reasonCode;
    private final String tag;

    /**
     * @param reasonCode MQTT 5 DISCONNECT reason code
     * @param reason     why, in words (sent as reason string, logged)
     * @param tag        bounded metric tag
     */
    ProtocolException(final byte reasonCode, final String reason, final String tag) {
        super(reason, null, false, false);
        this.reasonCode = reasonCode;
        this.tag = tag;
    }

    byte reasonCode() {
        return reasonCode;
    }

    String tag() {
        return tag;
    }
}
