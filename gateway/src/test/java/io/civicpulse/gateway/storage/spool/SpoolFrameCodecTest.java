// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpoolFrameCodecTest {

    @Test
    void decode_encodedFrame_returnsEqualReadingsInOrder() {
        // given readings with and without sequence numbers, repeated and non-ASCII strings, extreme values
        final List<Reading> readings = List.of(
                new Reading("lakeside", "bin", "bin-001", 1_764_266_400_000L, 42, Map.of("fill_pct", 93.5,
                        "temperature_c", -0.0)),
                new Reading("lakeside", "bin", "bin-001", 1_764_266_400_001L, Reading.NO_SEQUENCE,
                        Map.of("fill_pct", Double.MAX_VALUE)),
                new Reading("湖畔", "streetlight", "sl-ü", Long.MAX_VALUE, Long.MAX_VALUE - 1,
                        Map.of("lamp_current_a", Double.MIN_VALUE)));

        // when
        final ByteBuffer frame = SpoolFrameCodec.encode(readings);
        final ByteBuffer payload = payloadOf(frame);

        // then
        assertThat(SpoolFrameCodec.crcMatches(payload, frame.getInt(4))).isTrue();
        assertThat(SpoolFrameCodec.count(payload)).isEqualTo(3);
        final List<Reading> decoded = SpoolFrameCodec.decode(payload);
        assertThat(decoded).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(decoded.get(i)).usingRecursiveComparison().isEqualTo(readings.get(i));
        }
    }

    @Test
    void encode_repeatedNames_costAboutFiftyBytesAReading() {
        // given a typical batch: one community and type, a few devices, three metrics each
        final List<Reading> readings = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> new Reading("lakeside", "bin", "bin-" + (i % 10), 1_764_266_400_000L + i, i,
                        Map.of("fill_pct", 50.0, "temperature_c", 20.0, "battery_pct", 80.0)))
                .toList();

        // when
        final int size = SpoolFrameCodec.encode(readings).remaining();

        // then
        assertThat(size / 1000).isLessThanOrEqualTo(50);
    }

    @Test
    void crcMatches_oneBitFlipped_isFalse() {
        // given
        final ByteBuffer frame = SpoolFrameCodec.encode(List.of(
                new Reading("c", "bin", "b1", 1_764_266_400_000L, 1, Map.of("fill_pct", 1.0))));
        final ByteBuffer payload = payloadOf(frame);

        // when
        payload.put(payload.position() + 3, (byte) (payload.get(payload.position() + 3) ^ 0x10));

        // then
        assertThat(SpoolFrameCodec.crcMatches(payload, frame.getInt(4))).isFalse();
    }

    private static ByteBuffer payloadOf(final ByteBuffer frame) {
        final ByteBuffer copy = frame.duplicate();
        copy.position(SpoolFrameCodec.HEADER_BYTES);
        return copy.slice();
    }
}
