// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import io.civicpulse.rules.model.Reading;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The on-disk form of one spool frame: the readings of one writer batch, written and fsync'd as a unit.
 *
 * <pre>
 * frame   := length:int32  crc:int32  payload            (big-endian; crc = CRC-32C of the payload)
 * payload := count:varint  reading*
 * reading := community:str  type:str  device:str  timestamp:int64  seq+1:varlong
 *            metrics:varint  (name:str  value:float64)*
 * str     := 0:varint  byteLength:varint  utf8-bytes      (a new string; it gets the next number, from 1)
 *          | n:varint                                      (the string numbered n earlier in this frame)
 * </pre>
 * Strings are numbered per frame, so community, type, device and metric names cost one or two bytes after their
 * first use; a typical reading takes about 50 bytes. A frame is self-contained: it can be decoded alone.
 *
 * <p>Stateless and thread-safe.
 */
final class SpoolFrameCodec {
    /** Bytes before the payload: length and CRC. */
    static final int HEADER_BYTES = 8;
    /** Largest payload accepted when reading; anything larger is a corrupt length field. */
    static final int MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

    private SpoolFrameCodec() {
    }

    /**
     * @param readings the readings of one frame, at least one
     * @return the whole frame, header included, positioned at 0 and ready to write
     */
    static ByteBuffer encode(final List<Reading> readings) {
        final Output out = new Output(HEADER_BYTES + readings.size() * 64);
        out.position = HEADER_BYTES;
        out.varLong(readings.size());
        final Map<String, Integer> strings = new HashMap<>();
        for (final Reading r : readings) {
            out.string(r.getCommunity(), strings);
            out.string(r.getDeviceType(), strings);
            out.string(r.getDeviceId(), strings);
            out.int64(r.getTimestampMillis());
            out.varLong(r.getSequence() + 1);
            out.varLong(r.getMetrics().size());
            for (final Map.Entry<String, Double> m : r.getMetrics().entrySet()) {
                out.string(m.getKey(), strings);
                out.int64(Double.doubleToRawLongBits(m.getValue()));
            }
        }
        final int payloadLength = out.position - HEADER_BYTES;
        final CRC32C crc = new CRC32C();
        crc.update(out.bytes, HEADER_BYTES, payloadLength);
        final ByteBuffer frame = ByteBuffer.wrap(out.bytes, 0, out.position);
        frame.putInt(0, payloadLength);
        frame.putInt(4, (int) crc.getValue());
        return frame;
    }

    /**
     * @param payload the payload bytes, from its position to its limit
     * @return true when the CRC stored in the header matches the payload
     */
    static boolean crcMatches(final ByteBuffer payload, final int expectedCrc) {
        final CRC32C crc = new CRC32C();
        crc.update(payload.duplicate());
        return (int) crc.getValue() == expectedCrc;
    }

    /**
     * @param payload a payload whose CRC matched, from its position to its limit (position is not moved)
     * @return the number of readings in it
     */
    static int count(final ByteBuffer payload) {
        return (int) readVarLong(payload.duplicate());
    }

    /**
     * @param payload a payload whose CRC matched, from its position to its limit (position is not moved)
     * @return its readings, in the order they were written
     * @throws IllegalArgumentException if the payload is malformed although its CRC matched (a codec bug)
     */
    static List<Reading> decode(final ByteBuffer payload) {
        final ByteBuffer in = payload.duplicate();
        try {
            final int count = (int) readVarLong(in);
            final List<Reading> readings = new ArrayList<>(count);
            final List<String> strings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                final String community = readString(in, strings);
                final String type = readString(in, strings);
                final String device = readString(in, strings);
                final long ts = in.getLong();
                final long seq = readVarLong(in) - 1;
                final int metricCount = (int) readVarLong(in);
                final Map<String, Double> metrics = new LinkedHashMap<>(metricCount * 2);
                for (int m = 0; m < metricCount; m++) {
                    final String name = readString(in, strings);
                    metrics.put(name, Double.longBitsToDouble(in.getLong()));
                }
                readings.add(new Reading(community, type, device, ts, seq, metrics));
            }
            return readings;
        } catch (final RuntimeException e) {
            throw new IllegalArgumentException("spool frame payload is malformed: " + e, e);
        }
    }

    private static String readString(final ByteBuffer in, final List<String> strings) {
        final int ref = (int) readVarLong(in);
        if (ref > 0) {
            return strings.get(ref - 1);
        }
        final int length = (int) readVarLong(in);
        final byte[] bytes = new byte[length];
        in.get(bytes);
        final String s = new String(bytes, StandardCharsets.UTF_8);
        strings.add(s);
        return s;
    }

    private static long readVarLong(final ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            final byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes");
    }

    /** A growable byte array; faster than a DataOutputStream for many small writes. */
    private static final class Output {
        private byte[] bytes;
        private int position;

        Output(final int initialCapacity) {
            this.bytes = new byte[initialCapacity];
        }

        void string(final String s, final Map<String, Integer> strings) {
            final Integer ref = strings.get(s);
            if (ref != null) {
                varLong(ref);
                return;
            }
            strings.put(s, strings.size() + 1);
            final byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varLong(0);
            varLong(utf8.length);
            ensure(utf8.length);
            System.arraycopy(utf8, 0, bytes, position, utf8.length);
            position += utf8.length;
        }

        void int64(final long v) {
            ensure(Long.BYTES);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[position++] = (byte) (v >>> shift);
            }
        }

        void varLong(final long v) {
            ensure(10);
            long rest = v;
            while ((rest & ~0x7FL) != 0) {
                bytes[position++] = (byte) ((rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            bytes[position++] = (byte) rest;
        }

        private void ensure(final int more) {
            if (position + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + more));
            }
        }
    }
}
