// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT packets written byte by byte, so a test can send exactly what the specification forbids (netty-codec-mqtt's
 * encoder refuses most of it). Only what the reliability tests need.
 */
final class RawPackets {
    static final int V311 = 4;
    static final int V5 = 5;

    private RawPackets() {
    }

    /** Growable byte sink with the MQTT primitive encodings. */
    static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Bytes u8(final int... values) {
            for (final int v : values) {
                out.write(v);
            }
            return this;
        }

        Bytes u16(final int v) {
            return u8(v >> 8 & 0xFF, v & 0xFF);
        }

        Bytes u32(final long v) {
            return u8((int) (v >> 24 & 0xFF), (int) (v >> 16 & 0xFF), (int) (v >> 8 & 0xFF), (int) (v & 0xFF));
        }

        /** A UTF-8 string with its two-byte length. */
        Bytes str(final String s) {
            return bin(s.getBytes(StandardCharsets.UTF_8));
        }

        /** Binary data with its two-byte length. */
        Bytes bin(final byte[] b) {
            u16(b.length);
            out.write(b, 0, b.length);
            return this;
        }

        Bytes raw(final byte[] b) {
            out.write(b, 0, b.length);
            return this;
        }

        Bytes varInt(final int value) {
            int v = value;
            do {
                int digit = v % 128;
                v /= 128;
                if (v > 0) {
                    digit |= 0x80;
                }
                out.write(digit);
            } while (v > 0);
            return this;
        }

        /** MQTT 5 properties: their length, then the bytes built so far by {@code props}. */
        Bytes props(final Bytes props) {
            final byte[] p = props.toArray();
            varInt(p.length);
            return raw(p);
        }

        byte[] toArray() {
            return out.toByteArray();
        }
    }

    static Bytes bytes() {
        return new Bytes();
    }

    /**
     * @param firstByte packet type and flags
     * @param body      variable header and payload
     * @return the packet with its remaining length
     */
    static byte[] packet(final int firstByte, final Bytes body) {
        final byte[] b = body.toArray();
        return bytes().u8(firstByte).varInt(b.length).raw(b).toArray();
    }

    /** A CONNECT with clean start, user name and password (both may be null), keep alive and no properties. */
    static byte[] connect(final int level, final String clientId, final String user, final String password,
                          final int keepAlive) {
        return connect(level, clientId, user, password, keepAlive, bytes());
    }

    /** A CONNECT as above with the given MQTT 5 properties (ignored for 3.1.1). */
    static byte[] connect(final int level, final String clientId, final String user, final String password,
                          final int keepAlive, final Bytes properties) {
        final int flags = 0x02 | (user == null ? 0 : 0x80) | (password == null ? 0 : 0x40);
        final Bytes body = bytes().str("MQTT").u8(level, flags).u16(keepAlive);
        if (level == V5) {
            body.props(properties);
        }
        body.str(clientId);
        if (user != null) {
            body.str(user);
        }
        if (password != null) {
            body.str(password);
        }
        return packet(0x10, body);
    }

    /** A PUBLISH; {@code properties} is left out for 3.1.1 ({@code level} 4). */
    static byte[] publish(final int level, final int qos, final String topic, final int packetId,
                          final Bytes properties, final byte[] payload) {
        final Bytes body = bytes().str(topic);
        if (qos > 0) {
            body.u16(packetId);
        }
        if (level == V5) {
            body.props(properties);
        }
        body.raw(payload);
        return packet(0x30 | qos << 1, body);
    }

    /** A SUBSCRIBE of one filter. */
    static byte[] subscribe(final int level, final int packetId, final String filter, final int options) {
        final Bytes body = bytes().u16(packetId);
        if (level == V5) {
            body.props(bytes());
        }
        return packet(0x82, body.str(filter).u8(options));
    }

    static byte[] pingReq() {
        return new byte[] {(byte) 0xC0, 0};
    }

    /** @return the concatenation of the packets */
    static byte[] concat(final byte[]... packets) {
        final Bytes all = bytes();
        for (final byte[] p : packets) {
            all.raw(p);
        }
        return all.toArray();
    }
}
