// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.util.Set;

/**
 * MQTT 5 property identifiers (§2.2.2.2): how each value is encoded, and which ones a client may put in each packet.
 * netty-codec-mqtt keeps the last of two equal properties and accepts any known one anywhere; these tables let the
 * {@link PacketStructure} refuse both, as the specification requires.
 */
final class MqttProperties5 {
    static final int USER_PROPERTY = 0x26;
    static final int SUBSCRIPTION_IDENTIFIER = 0x0B;

    static final Set<Integer> CONNECT = Set.of(0x11, 0x21, 0x27, 0x22, 0x19, 0x17, USER_PROPERTY, 0x15, 0x16);
    static final Set<Integer> WILL = Set.of(0x18, 0x01, 0x02, 0x03, 0x08, 0x09, USER_PROPERTY);
    static final Set<Integer> PUBLISH = Set.of(0x01, 0x02, 0x03, 0x08, 0x09, 0x23, USER_PROPERTY,
            SUBSCRIPTION_IDENTIFIER);
    static final Set<Integer> ACK = Set.of(0x1F, USER_PROPERTY);
    static final Set<Integer> SUBSCRIBE = Set.of(SUBSCRIPTION_IDENTIFIER, USER_PROPERTY);
    static final Set<Integer> UNSUBSCRIBE = Set.of(USER_PROPERTY);
    static final Set<Integer> DISCONNECT = Set.of(0x11, 0x1F, 0x1C, USER_PROPERTY);

    private MqttProperties5() {
    }

    /** How a property value is encoded on the wire. */
    enum Kind { BYTE, TWO_BYTES, FOUR_BYTES, VARIABLE_INT, STRING, BINARY, STRING_PAIR, UNKNOWN }

    static Kind kind(final int id) {
        return switch (id) {
            case 0x01, 0x17, 0x19, 0x24, 0x25, 0x28, 0x29, 0x2A -> Kind.BYTE;
            case 0x13, 0x21, 0x22, 0x23 -> Kind.TWO_BYTES;
            case 0x02, 0x11, 0x18, 0x27 -> Kind.FOUR_BYTES;
            case SUBSCRIPTION_IDENTIFIER -> Kind.VARIABLE_INT;
            case 0x03, 0x08, 0x12, 0x15, 0x1A, 0x1C, 0x1F -> Kind.STRING;
            case 0x09, 0x16 -> Kind.BINARY;
            case USER_PROPERTY -> Kind.STRING_PAIR;
            default -> Kind.UNKNOWN;
        };
    }
}
