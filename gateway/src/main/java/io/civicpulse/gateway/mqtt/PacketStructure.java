// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.buffer.ByteBuf;

import java.util.HashSet;
import java.util.Set;

/**
 * Checks the structure of one complete packet a client sent, before netty-codec-mqtt decodes it: every length fits
 * inside the packet, fixed-header flags, packet ids and subscription options are valid, MQTT 5 properties are
 * allowed in that packet and not repeated, and only packets a client may send arrive. netty-codec-mqtt skips these
 * checks; worse, a length running past the packet makes it wait for bytes that belong to the next one.
 *
 * <p>Stateless; runs on the connection's event loop.
 */
final class PacketStructure {
    static final int MALFORMED = 0x81;
    static final int PROTOCOL_ERROR = 0x82;

    private final ByteBuf buf;
    private final int limit;
    private final boolean v5;

    private PacketStructure(final ByteBuf buf, final int limit, final boolean v5) {
        this.buf = buf;
        this.limit = limit;
        this.v5 = v5;
    }

    /**
     * @param firstByte packet type and flags
     * @param body      the bytes after the remaining length (read from its reader index; not modified)
     * @param level     protocol level of the connection's CONNECT, 0 while none was seen
     * @throws PacketViolation when the packet breaks a rule
     */
    static void check(final int firstByte, final ByteBuf body, final int level) {
        final int type = firstByte >> 4;
        final int flags = firstByte & 0x0F;
        final PacketStructure p = new PacketStructure(body.duplicate(), body.writerIndex(), level == 5);
        switch (type) {
            case 1 -> p.connect(flags);
            case 3 -> p.publish(flags);
            case 4, 5, 7 -> p.ack(flags, 0);
            case 6 -> p.ack(flags, 2);
            case 8 -> p.subscribe(flags);
            case 10 -> p.unsubscribe(flags);
            case 12 -> p.empty(flags, "PINGREQ");
            case 14 -> p.disconnect(flags);
            case 2, 9, 11, 13 -> throw new PacketViolation(PROTOCOL_ERROR, "packet type " + type
                    + " is sent by servers only");
            case 15 -> throw new PacketViolation(level == 5 ? PROTOCOL_ERROR : MALFORMED,
                    "AUTH: enhanced authentication is not supported");
            default -> throw new PacketViolation(MALFORMED, "reserved packet type " + type);
        }
    }

    /** @return the protocol level a CONNECT asks for, or 0 when the body is too short to say */
    static int connectLevel(final ByteBuf body) {
        final int r = body.readerIndex();
        if (body.readableBytes() < 2) {
            return 0;
        }
        final int nameLength = body.getUnsignedShort(r);
        return body.readableBytes() < 3 + nameLength ? 0 : body.getUnsignedByte(r + 2 + nameLength);
    }

    private void connect(final int flags) {
        requireFlags(flags, 0, "CONNECT");
        skipString("protocol name");
        final int level = u8("protocol level");
        if (level != 4 && level != 5) {
            // The decoder refuses other levels with the CONNACK the specification asks for.
            return;
        }
        final int connectFlags = u8("connect flags");
        final boolean will = (connectFlags & 0x04) != 0;
        final int willQos = connectFlags >> 3 & 0x03;
        if ((connectFlags & 0x01) != 0) {
            throw new PacketViolation(MALFORMED, "CONNECT reserved flag is set (§3.1.2-3)");
        }
        if (!will && (willQos != 0 || (connectFlags & 0x20) != 0) || willQos == 3) {
            throw new PacketViolation(MALFORMED, "CONNECT will QoS/retain without a valid will (§3.1.2-11..15)");
        }
        if (!v5 && (connectFlags & 0x80) == 0 && (connectFlags & 0x40) != 0) {
            throw new PacketViolation(MALFORMED, "CONNECT password without user name (§3.1.2-22)");
        }
        u16("keep alive");
        properties(MqttProperties5.CONNECT, "CONNECT");
        skipString("client id");
        if (will) {
            properties(MqttProperties5.WILL, "will");
            skipString("will topic");
            skipString("will payload");
        }
        if ((connectFlags & 0x80) != 0) {
            skipString("user name");
        }
        if ((connectFlags & 0x40) != 0) {
            skipString("password");
        }
        requireEnd("CONNECT");
    }

    private void publish(final int flags) {
        final int qos = flags >> 1 & 0x03;
        if (qos == 3) {
            throw new PacketViolation(MALFORMED, "PUBLISH with QoS 3 (§3.3.1-4)");
        }
        if (qos == 0 && (flags & 0x08) != 0) {
            throw new PacketViolation(MALFORMED, "PUBLISH QoS 0 with DUP set (§3.3.1-2)");
        }
        skipString("topic name");
        if (qos > 0) {
            packetId("PUBLISH");
        }
        properties(MqttProperties5.PUBLISH, "PUBLISH");
    }

    private void ack(final int flags, final int expectedFlags) {
        requireFlags(flags, expectedFlags, "acknowledgement");
        packetId("acknowledgement");
        if (!v5) {
            requireEnd("acknowledgement");
            return;
        }
        if (buf.readerIndex() < limit) {
            u8("reason code");
        }
        if (buf.readerIndex() < limit) {
            properties(MqttProperties5.ACK, "acknowledgement");
        }
        requireEnd("acknowledgement");
    }

    private void subscribe(final int flags) {
        requireFlags(flags, 2, "SUBSCRIBE");
        packetId("SUBSCRIBE");
        properties(MqttProperties5.SUBSCRIBE, "SUBSCRIBE");
        if (buf.readerIndex() >= limit) {
            throw new PacketViolation(v5 ? PROTOCOL_ERROR : MALFORMED, "SUBSCRIBE without topic filters (§3.8.3-3)");
        }
        while (buf.readerIndex() < limit) {
            final String filter = string("topic filter");
            final int options = u8("subscription options");
            if ((options & 0x03) == 3 || (options & (v5 ? 0xC0 : 0xFC)) != 0) {
                throw new PacketViolation(MALFORMED, "SUBSCRIBE options 0x" + Integer.toHexString(options)
                        + " set reserved bits or QoS 3 (§3.8.3-4/5)");
            }
            if (v5 && (options >> 4 & 0x03) == 3) {
                throw new PacketViolation(PROTOCOL_ERROR, "SUBSCRIBE Retain Handling 3 (§3.8.3.1)");
            }
            if (v5 && (options & 0x04) != 0 && filter.startsWith("$share/")) {
                throw new PacketViolation(PROTOCOL_ERROR, "No Local on a shared subscription (§3.8.3-4)");
            }
        }
    }

    private void unsubscribe(final int flags) {
        requireFlags(flags, 2, "UNSUBSCRIBE");
        packetId("UNSUBSCRIBE");
        properties(MqttProperties5.UNSUBSCRIBE, "UNSUBSCRIBE");
        if (buf.readerIndex() >= limit) {
            throw new PacketViolation(v5 ? PROTOCOL_ERROR : MALFORMED,
                    "UNSUBSCRIBE without topic filters (§3.10.3-2)");
        }
        while (buf.readerIndex() < limit) {
            skipString("topic filter");
        }
    }

    private void disconnect(final int flags) {
        requireFlags(flags, 0, "DISCONNECT");
        if (v5 && buf.readerIndex() < limit) {
            u8("reason code");
            if (buf.readerIndex() < limit) {
                properties(MqttProperties5.DISCONNECT, "DISCONNECT");
            }
        }
        requireEnd("DISCONNECT");
    }

    private void empty(final int flags, final String name) {
        requireFlags(flags, 0, name);
        requireEnd(name);
    }

    private void properties(final Set<Integer> allowed, final String packet) {
        if (!v5) {
            return;
        }
        final int length = varInt("property length");
        final int end = buf.readerIndex() + length;
        if (length < 0 || end > limit) {
            throw new PacketViolation(MALFORMED, packet + " property length runs past the packet");
        }
        final Set<Integer> seen = new HashSet<>();
        while (buf.readerIndex() < end) {
            final int id = varInt("property id");
            if (!allowed.contains(id)) {
                throw new PacketViolation(MALFORMED, "property 0x" + Integer.toHexString(id) + " is not allowed in "
                        + packet + " (§2.2.2.2)");
            }
            if (id == MqttProperties5.SUBSCRIPTION_IDENTIFIER && "PUBLISH".equals(packet)) {
                throw new PacketViolation(PROTOCOL_ERROR, "a client's PUBLISH carries a Subscription Identifier "
                        + "(§3.3.4-6)");
            }
            if (id != MqttProperties5.USER_PROPERTY && !seen.add(id)) {
                throw new PacketViolation(PROTOCOL_ERROR, "property 0x" + Integer.toHexString(id) + " appears twice in "
                        + packet + " (§2.2.2.2)");
            }
            propertyValue(id, packet);
        }
        if (buf.readerIndex() != end) {
            throw new PacketViolation(MALFORMED, packet + " properties overrun their length");
        }
    }

    private void propertyValue(final int id, final String packet) {
        final long value = switch (MqttProperties5.kind(id)) {
            case BYTE -> u8("property");
            case TWO_BYTES -> u16("property");
            case FOUR_BYTES -> u32("property");
            case VARIABLE_INT -> varInt("property");
            case STRING, BINARY -> {
                skipString("property");
                yield -1;
            }
            case STRING_PAIR -> {
                skipString("user property name");
                skipString("user property value");
                yield -1;
            }
            default -> throw new PacketViolation(MALFORMED, "unknown property 0x" + Integer.toHexString(id));
        };
        final boolean zeroForbidden = id == 0x21 || id == 0x27 || id == MqttProperties5.SUBSCRIPTION_IDENTIFIER;
        final boolean booleanByte = id == 0x01 || id == 0x17 || id == 0x19;
        if (zeroForbidden && value == 0 || booleanByte && value > 1) {
            throw new PacketViolation(PROTOCOL_ERROR, "property 0x" + Integer.toHexString(id) + " of " + packet
                    + " has the invalid value " + value);
        }
    }

    private void requireFlags(final int flags, final int expected, final String packet) {
        if (flags != expected) {
            throw new PacketViolation(MALFORMED, packet + " fixed-header flags must be " + expected + " (§2.1.3)");
        }
    }

    private void requireEnd(final String packet) {
        if (buf.readerIndex() != limit) {
            throw new PacketViolation(MALFORMED, packet + " has " + (limit - buf.readerIndex())
                    + " unexpected bytes at its end");
        }
    }

    private void packetId(final String packet) {
        if (u16("packet id") == 0) {
            throw new PacketViolation(MALFORMED, packet + " with packet id 0 (§2.2.1-3)");
        }
    }

    private void need(final int n, final String what) {
        if (n < 0 || buf.readerIndex() + n > limit) {
            throw new PacketViolation(MALFORMED, what + " runs past the end of the packet");
        }
    }

    private int u8(final String what) {
        need(1, what);
        return buf.readUnsignedByte();
    }

    private int u16(final String what) {
        need(2, what);
        return buf.readUnsignedShort();
    }

    private long u32(final String what) {
        need(4, what);
        return buf.readUnsignedInt();
    }

    private int varInt(final String what) {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            final int b = u8(what);
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new PacketViolation(MALFORMED, what + " is longer than four bytes (§1.5.5)");
    }

    private void skipString(final String what) {
        final int length = u16(what);
        need(length, what);
        buf.skipBytes(length);
    }

    private String string(final String what) {
        final int length = u16(what);
        need(length, what);
        return buf.readCharSequence(length, java.nio.charset.StandardCharsets.UTF_8).toString();
    }
}
