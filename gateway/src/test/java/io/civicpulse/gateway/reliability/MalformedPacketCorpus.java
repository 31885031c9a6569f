// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static io.civicpulse.gateway.reliability.RawPackets.V311;
import static io.civicpulse.gateway.reliability.RawPackets.V5;
import static io.civicpulse.gateway.reliability.RawPackets.bytes;
import static io.civicpulse.gateway.reliability.RawPackets.packet;
import static io.civicpulse.gateway.reliability.RawPackets.publish;

/**
 * Malformed and unsolicited packets from the MQTT 3.1.1 and 5 specifications, each with what the server must do.
 * Codes: 0x81 malformed packet, 0x82 protocol error, 0x90 topic name invalid, 0x92 packet identifier not found,
 * 0x94 topic alias invalid, 0x99 payload format invalid.
 */
final class MalformedPacketCorpus {
    static final int MALFORMED = 0x81;
    static final int PROTOCOL_ERROR = 0x82;

    private MalformedPacketCorpus() {
    }

    /** What the server must do with a case's bytes. */
    enum Outcome {
        /** Close the connection; an MQTT 5 client that is connected first gets a DISCONNECT with one of the codes. */
        CLOSED,
        /** Answer with a packet of {@link Case#replyType} carrying one of the codes, and keep the connection. */
        REPLY_AND_OPEN,
        /** Ignore it and keep the connection (PINGREQ is still answered). */
        OPEN
    }

    /**
     * @param name         what is wrong, with the spec section
     * @param level        protocol level of the connection (4 or 5)
     * @param connectFirst whether a valid CONNECT is accepted before the bytes are sent
     * @param bytes        what is sent
     * @param outcome      what the server must do
     * @param replyType    the packet type expected for {@link Outcome#REPLY_AND_OPEN}
     * @param codes        acceptable reason codes (DISCONNECT, CONNACK before a close, or the reply)
     */
    record Case(String name, int level, boolean connectFirst, byte[] bytes, Outcome outcome, int replyType,
                Set<Integer> codes) {
        @Override
        public String toString() {
            return (level == V5 ? "v5 " : "v3.1.1 ") + name;
        }
    }

    private static Case closed(final String name, final int level, final boolean connectFirst, final byte[] bytes,
                               final Integer... codes) {
        return new Case(name, level, connectFirst, bytes, Outcome.CLOSED, 0, Set.of(codes));
    }

    static List<Case> cases(final String device, final String secret) {
        final String topic = "cp/lakeside/bin/" + device + "/telemetry";
        final byte[] json = "{\"ts\": 1, \"metrics\": {}}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        final List<Case> all = new ArrayList<>(beforeConnect(device, secret));
        for (final int level : new int[] {V311, V5}) {
            all.add(closed("second CONNECT (§3.1.0-2)", level, true,
                    RawPackets.connect(level, device, device, secret, 0), PROTOCOL_ERROR));
            all.add(closed("PUBLISH with QoS 3 (§3.3.1-4)", level, true,
                    packet(0x36, bytes().str(topic).u16(1).raw(level == V5 ? new byte[] {0} : new byte[0])),
                    MALFORMED));
            all.add(closed("PUBLISH QoS 1 with packet id 0 (§2.3.1-1)", level, true,
                    publish(level, 1, topic, 0, bytes(), json), MALFORMED, PROTOCOL_ERROR));
            all.add(closed("PUBLISH topic with a wildcard (§3.3.2-2)", level, true,
                    publish(level, 1, "cp/lakeside/+/x/telemetry", 7, bytes(), json), MALFORMED, 0x90));
            all.add(closed("PUBLISH topic not UTF-8 (§1.5.3-1)", level, true,
                    packet(0x32, bytes().u16(3).u8('a', 0xC3, 0x28).u16(7)
                            .raw(level == V5 ? new byte[] {0} : new byte[0])), MALFORMED));
            all.add(closed("PUBLISH topic with U+0000 (§1.5.3-2)", level, true,
                    publish(level, 1, "cp/\u0000/x", 7, bytes(), json), MALFORMED));
            all.add(closed("PUBLISH QoS 0 with DUP set (§3.3.1-2)", level, true,
                    packet(0x38, bytes().str(topic).raw(level == V5 ? new byte[] {0} : new byte[0]).raw(json)),
                    MALFORMED));
            all.add(closed("PUBLISH topic length past the packet end", level, true,
                    packet(0x30, bytes().u16(200).u8('a', 'b')), MALFORMED));
            all.add(closed("SUBSCRIBE without topic filters (§3.8.3-3)", level, true,
                    packet(0x82, bytes().u16(3).raw(level == V5 ? new byte[] {0} : new byte[0])),
                    MALFORMED, PROTOCOL_ERROR));
            all.add(closed("SUBSCRIBE with reserved fixed-header flags 0000 (§3.8.1-1)", level, true,
                    packet(0x80, bytes().u16(3).raw(level == V5 ? new byte[] {0} : new byte[0]).str("a").u8(0)),
                    MALFORMED));
            all.add(closed("SUBSCRIBE with packet id 0 (§2.3.1-1)", level, true,
                    RawPackets.subscribe(level, 0, "cp/lakeside/bin/" + device + "/cmd", 1),
                    MALFORMED, PROTOCOL_ERROR));
            all.add(closed("SUBSCRIBE option QoS 3 (§3.8.3-4)", level, true,
                    RawPackets.subscribe(level, 4, "cp/lakeside/bin/" + device + "/cmd", 3), MALFORMED));
            all.add(closed("SUBSCRIBE reserved option bits (§3.8.3-5)", level, true,
                    RawPackets.subscribe(level, 4, "cp/lakeside/bin/" + device + "/cmd", 0xC1), MALFORMED));
            all.add(closed("UNSUBSCRIBE without topic filters (§3.10.3-2)", level, true,
                    packet(0xA2, bytes().u16(5).raw(level == V5 ? new byte[] {0} : new byte[0])),
                    MALFORMED, PROTOCOL_ERROR));
            all.add(closed("CONNACK sent by a client (§4.8)", level, true,
                    new byte[] {0x20, 0x02, 0x00, 0x00}, MALFORMED, PROTOCOL_ERROR));
            all.add(closed("SUBACK sent by a client", level, true,
                    new byte[] {(byte) 0x90, 0x03, 0x00, 0x01, 0x00}, MALFORMED, PROTOCOL_ERROR));
            all.add(closed("reserved packet type 0 (§2.1.2)", level, true, new byte[] {0x00, 0x00}, MALFORMED));
            all.add(closed("PINGREQ with a body (§3.12)", level, true, new byte[] {(byte) 0xC0, 0x01, 0x00},
                    MALFORMED));
            all.add(closed("remaining length over four bytes (§1.5.5)", level, true,
                    new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, MALFORMED));
            all.add(new Case("PUBACK for an unknown packet id (§4.3.2)", level, true,
                    new byte[] {0x40, 0x02, 0x12, 0x34}, Outcome.OPEN, 0, Set.of()));
            all.add(new Case("PUBCOMP for an unknown packet id (§4.3.3)", level, true,
                    new byte[] {0x70, 0x02, 0x12, 0x34}, Outcome.OPEN, 0, Set.of()));
            all.add(new Case("PUBREL for an unknown packet id (§4.3.3, MQTT 5 §3.7.2.1)", level, true,
                    new byte[] {0x62, 0x02, 0x12, 0x34}, Outcome.REPLY_AND_OPEN, 7,
                    level == V5 ? Set.of(0x92) : Set.of(0)));
        }
        all.add(closed("DISCONNECT with reserved flags (§3.14.1-1)", V311, true, new byte[] {(byte) 0xE1, 0x00}));
        all.addAll(v5Only(device, topic, json));
        return all;
    }

    private static List<Case> beforeConnect(final String device, final String secret) {
        final List<Case> all = new ArrayList<>();
        for (final int level : new int[] {V311, V5}) {
            final byte[] good = RawPackets.connect(level, device, device, secret, 0);
            all.add(closed("remaining length over four bytes before CONNECT", level, false,
                    new byte[] {0x10, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F}, MALFORMED));
            final byte[] reservedHeader = good.clone();
            reservedHeader[0] = 0x11;
            all.add(closed("CONNECT with reserved fixed-header flags (§2.2.2-2)", level, false, reservedHeader,
                    MALFORMED));
            final byte[] reservedFlag = good.clone();
            reservedFlag[9] |= 0x01;
            all.add(closed("CONNECT with the reserved connect flag (§3.1.2-3)", level, false, reservedFlag,
                    MALFORMED));
            final byte[] badName = good.clone();
            badName[7] = 'X';
            all.add(closed("CONNECT protocol name MQTX (§3.1.2-1)", level, false, badName, MALFORMED, 0x84, 1));
            final byte[] willQos = good.clone();
            willQos[9] |= 0x08;
            all.add(closed("CONNECT will QoS without will flag (§3.1.2-13)", level, false, willQos, MALFORMED));
            all.add(closed("PUBLISH before CONNECT (§3.1.0-1)", level, false,
                    publish(level, 0, "cp/lakeside/bin/x/telemetry", 0, bytes(), new byte[] {'{', '}'})));
            all.add(closed("client id not UTF-8 (§1.5.3-1)", level, false,
                    packet(0x10, withProps(bytes().str("MQTT").u8(level, 0x02).u16(0), level)
                            .u16(2).u8(0xC3, 0x28)), MALFORMED, 0x85, 2));
            all.add(closed("AUTH before CONNECT", level, false, new byte[] {(byte) 0xF0, 0x00}, MALFORMED,
                    PROTOCOL_ERROR));
        }
        all.add(closed("CONNECT protocol level 6 (§3.1.2-2)", V311, false,
                packet(0x10, bytes().str("MQTT").u8(6, 0x02).u16(0).str("x")), 1, 0x84));
        all.add(closed("CONNECT with password but no user name (§3.1.2-22)", V311, false,
                packet(0x10, bytes().str("MQTT").u8(4, 0x42).u16(0).str(device).str(secret)), MALFORMED));
        all.add(closed("CONNECT with a duplicated property (§2.2.2.2)", V5, false, RawPackets.connect(V5, device,
                device, secret, 0, bytes().u8(0x11).u32(10).u8(0x11).u32(20)), MALFORMED, PROTOCOL_ERROR));
        all.add(closed("CONNECT with an unknown property id 0x7F (§2.2.2.2)", V5, false, RawPackets.connect(V5,
                device, device, secret, 0, bytes().u8(0x7F).u8(1)), MALFORMED, PROTOCOL_ERROR));
        all.add(closed("CONNECT with Receive Maximum 0 (§3.1.2.11.3)", V5, false, RawPackets.connect(V5, device,
                device, secret, 0, bytes().u8(0x21).u16(0)), MALFORMED, PROTOCOL_ERROR));
        all.add(closed("CONNECT with Maximum Packet Size 0 (§3.1.2.11.4)", V5, false, RawPackets.connect(V5, device,
                device, secret, 0, bytes().u8(0x27).u32(0)), MALFORMED, PROTOCOL_ERROR));
        return all;
    }

    private static List<Case> v5Only(final String device, final String topic, final byte[] json) {
        final List<Case> all = new ArrayList<>();
        all.add(closed("PUBLISH empty topic without an alias (§3.3.4)", V5, true,
                publish(V5, 1, "", 9, bytes(), json), PROTOCOL_ERROR));
        all.add(closed("PUBLISH topic alias 0 (§3.3.2.3.4)", V5, true,
                publish(V5, 1, topic, 9, bytes().u8(0x23).u16(0), json), 0x94));
        all.add(closed("PUBLISH topic alias above Topic Alias Maximum (§3.3.2.3.4)", V5, true,
                publish(V5, 1, topic, 9, bytes().u8(0x23).u16(5000), json), 0x94));
        all.add(closed("PUBLISH with a duplicated Payload Format Indicator (§2.2.2.2)", V5, true,
                publish(V5, 1, topic, 9, bytes().u8(0x01, 0).u8(0x01, 0), json), MALFORMED, PROTOCOL_ERROR));
        all.add(closed("PUBLISH with a CONNECT-only property Session Expiry (§2.2.2.2)", V5, true,
                publish(V5, 1, topic, 9, bytes().u8(0x11).u32(5), json), MALFORMED, PROTOCOL_ERROR));
        all.add(closed("PUBLISH from a client with a Subscription Identifier (§3.3.4-6)", V5, true,
                publish(V5, 1, topic, 9, bytes().u8(0x0B, 5), json), MALFORMED, PROTOCOL_ERROR));
        all.add(closed("PUBLISH property length past the packet end", V5, true,
                packet(0x32, bytes().str(topic).u16(9).varInt(100).u8(1, 0)), MALFORMED));
        all.add(new Case("PUBLISH Payload Format 1 with invalid UTF-8 payload (§3.3.2.3.2)", V5, true,
                publish(V5, 1, topic, 9, bytes().u8(0x01, 1), new byte[] {(byte) 0xC3, 0x28}),
                Outcome.REPLY_AND_OPEN, 4, Set.of(0x99)));
        all.add(closed("SUBSCRIBE shared subscription with No Local (§3.8.3.1)", V5, true,
                RawPackets.subscribe(V5, 4, "$share/g/cp/lakeside/bin/" + device + "/cmd", 0x05), PROTOCOL_ERROR));
        all.add(closed("AUTH without an authentication method in CONNECT (§4.12)", V5, true,
                new byte[] {(byte) 0xF0, 0x00}, PROTOCOL_ERROR));
        all.add(closed("DISCONNECT with reserved flags (§3.14.1)", V5, true, new byte[] {(byte) 0xE1, 0x00},
                MALFORMED));
        // After a client's DISCONNECT the server only closes, whatever its reason code (§3.14.4).
        all.add(closed("DISCONNECT with an unknown reason code (§3.14.2.1)", V5, true,
                new byte[] {(byte) 0xE0, 0x01, 0x03}));
        return all;
    }

    private static RawPackets.Bytes withProps(final RawPackets.Bytes b, final int level) {
        return level == V5 ? b.u8(0) : b;
    }
}
