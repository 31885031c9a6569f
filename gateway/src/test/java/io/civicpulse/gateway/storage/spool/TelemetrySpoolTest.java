// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetrySpoolTest {
    private static final long BASE = 1_764_266_400_000L;
    private static final long SMALL = TelemetrySpool.MIN_MAX_BYTES;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger syncs = new AtomicInteger();
    private TelemetrySpool spool;

    @AfterEach
    void closeSpool() {
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void read_framesAcrossSegments_returnsEveryReadingInAppendOrder() throws Exception {
        // given frames of 20 readings each in a small spool, so they span several segments
        spool = open(1L << 20);
        for (int frame = 0; frame < 200; frame++) {
            spool.append(readings("b1", frame * 20, 20));
        }
        assertThat(segmentFiles()).hasSizeGreaterThan(1);

        // when
        final List<Reading> replayed = drain(spool, 50);

        // then
        assertThat(replayed).extracting(Reading::getSequence)
                .containsExactlyElementsOf(IntStream.range(0, 4000).mapToObj(i -> (long) i).toList());
        assertThat(spool.isEmpty()).isTrue();
        assertThat(segmentFiles()).isEmpty();
        assertThat(dir.resolve(SpoolFiles.CHECKPOINT)).doesNotExist();
        assertThat(registry.counter(TelemetrySpool.REPLAYED).count()).isEqualTo(4000.0);
        assertThat(registry.get(TelemetrySpool.BYTES).gauge().value()).isZero();
    }

    @Test
    void read_maxReadingsSmallerThanFrame_returnsTheWholeFrameAlone() throws Exception {
        // given
        spool = open(SMALL);
        spool.append(readings("b1", 0, 5));
        spool.append(readings("b1", 5, 5));

        // when
        final SpoolChunk chunk = spool.read(3);

        // then frames are never split
        assertThat(chunk.readings()).extracting(Reading::getSequence).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void read_withoutCommit_returnsTheSameChunkAgain() throws Exception {
        // given
        spool = open(SMALL);
        spool.append(readings("b1", 0, 3));

        // when
        final SpoolChunk first = spool.read(100);
        final SpoolChunk again = spool.read(100);

        // then
        assertThat(again.readings()).extracting(Reading::getSequence)
                .containsExactlyElementsOf(first.readings().stream().map(Reading::getSequence).toList());
        assertThat(spool.isEmpty()).isFalse();
    }

    @Test
    void open_afterRestartWithPartialReplay_replaysOnlyUncommittedFramesInOrder() throws Exception {
        // given three frames, the first committed, then the spool closed as at a stop
        spool = open(SMALL);
        spool.append(readings("b1", 0, 2));
        spool.append(readings("b1", 2, 2));
        spool.append(readings("b1", 4, 2));
        spool.commit(spool.read(2), 2);
        spool.close();

        // when
        spool = open(SMALL);

        // then
        assertThat(spool.pendingReadings()).isEqualTo(4);
        assertThat(drain(spool, 100)).extracting(Reading::getSequence).containsExactly(2L, 3L, 4L, 5L);
    }

    @Test
    void open_tornLastFrame_truncatesItAndReplaysTheFramesBefore() throws Exception {
        // given two whole frames and the first half of a third, as when the process dies inside a write
        spool = open(SMALL);
        spool.append(readings("b1", 0, 2));
        spool.append(readings("b1", 2, 2));
        spool.close();
        final Path segment = segmentFiles().get(0);
        final long whole = Files.size(segment);
        final java.nio.ByteBuffer third = SpoolFrameCodec.encode(readings("b1", 4, 2));
        third.limit(third.limit() / 2);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(third);
        }

        // when
        spool = open(SMALL);

        // then
        assertThat(Files.size(segment)).isEqualTo(whole);
        assertThat(drain(spool, 100)).extracting(Reading::getSequence).containsExactly(0L, 1L, 2L, 3L);
    }

    @Test
    void open_lastFrameWithBadCrc_truncatesIt() throws Exception {
        // given a last frame whose payload was only partly written to disk (a torn page)
        spool = open(SMALL);
        spool.append(readings("b1", 0, 2));
        spool.append(readings("b1", 2, 2));
        spool.close();
        final Path segment = segmentFiles().get(0);
        flipByte(segment, Files.size(segment) - 3);

        // when
        spool = open(SMALL);

        // then
        assertThat(drain(spool, 100)).extracting(Reading::getSequence).containsExactly(0L, 1L);
    }

    @Test
    void open_corruptFrameInEarlierSegment_setsItAsideAndReplaysTheOtherSegments() throws Exception {
        // given two segments, a byte of the first one damaged
        spool = open(1L << 20);
        int seq = 0;
        while (segmentFiles().size() < 2) {
            spool.append(readings("b1", seq, 20));
            seq += 20;
        }
        spool.close();
        flipByte(segmentFiles().get(0), 20);

        // when
        spool = open(1L << 20);
        final List<Reading> replayed = drain(spool, 1000);

        // then the second segment's readings are replayed; the damaged bytes are kept for inspection
        assertThat(replayed).isNotEmpty().extracting(Reading::getSequence).isSorted();
        assertThat(replayed.get(replayed.size() - 1).getSequence()).isEqualTo(seq - 1);
        assertThat(dir.resolve(SpoolFiles.CORRUPT_DIR)).isDirectoryContaining("glob:**segment-*-at-0.bin");
    }

    @Test
    void append_beyondMaxBytes_throwsSpoolFullWritesNothingAndCounts() throws Exception {
        // given a spool filled close to its bound
        spool = open(SMALL);
        int seq = 0;
        try {
            while (true) {
                spool.append(readings("b1", seq, 50));
                seq += 50;
            }
        } catch (final SpoolFullException expected) {
            // full
        }
        final long bytes = spool.diskBytes();
        final long pending = spool.pendingReadings();

        // when / then
        assertThatThrownBy(() -> spool.append(readings("b1", 0, 50))).isInstanceOf(SpoolFullException.class)
                .hasMessageContaining("telemetry.spool.maxBytes");
        assertThat(bytes).isLessThanOrEqualTo(SMALL);
        assertThat(spool.diskBytes()).isEqualTo(bytes);
        assertThat(spool.pendingReadings()).isEqualTo(pending);
        assertThat(registry.counter(TelemetrySpool.REFUSED).count()).isEqualTo(100.0);
        assertThat(registry.get(TelemetrySpool.FILL).gauge().value()).isGreaterThan(0.8);
    }

    @Test
    void append_afterReplayFreesRoom_acceptsAgain() throws Exception {
        // given a full spool
        spool = open(SMALL);
        int seq = 0;
        try {
            while (true) {
                spool.append(readings("b1", seq, 50));
                seq += 50;
            }
        } catch (final SpoolFullException expected) {
            // full
        }

        // when everything is replayed
        drain(spool, 10_000);

        // then
        spool.append(readings("b1", seq, 50));
        assertThat(spool.pendingReadings()).isEqualTo(50);
    }

    @Test
    void append_eachFrame_forcesTheSegmentOnceHoweverManyReadings() throws Exception {
        // given
        spool = open(1L << 20);

        // when three frames of 1, 500 and 2 readings
        spool.append(readings("b1", 0, 1));
        spool.append(readings("b1", 1, 500));
        spool.append(readings("b1", 501, 2));

        // then
        assertThat(syncs).hasValue(3);
        assertThat(registry.timer(TelemetrySpool.FSYNC_DURATION).count()).isEqualTo(3);
        assertThat(registry.counter(TelemetrySpool.APPENDED).count()).isEqualTo(503.0);
        assertThat(registry.get(TelemetrySpool.RECORDS).gauge().value()).isEqualTo(503.0);
    }

    @Test
    void append_syncFails_throwsAndTheFrameIsNotReplayed() throws Exception {
        // given a device that fails the second fsync
        spool = TelemetrySpool.open(dir, SMALL, registry, ch -> {
            if (syncs.incrementAndGet() == 2) {
                throw new IOException("disk error");
            }
            ch.force(false);
        });
        spool.append(readings("b1", 0, 2));

        // when / then
        assertThatThrownBy(() -> spool.append(readings("b1", 2, 2))).isInstanceOf(IOException.class);
        spool.append(readings("b1", 4, 2));
        assertThat(drain(spool, 100)).extracting(Reading::getSequence).containsExactly(0L, 1L, 4L, 5L);
    }

    @Test
    void open_maxBytesBelowMinimum_throwsNamingTheMinimum() {
        // when / then
        assertThatThrownBy(() -> TelemetrySpool.open(dir, 1000, registry))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("65536");
    }

    private TelemetrySpool open(final long maxBytes) throws IOException {
        return TelemetrySpool.open(dir, maxBytes, registry, ch -> {
            syncs.incrementAndGet();
            ch.force(false);
        });
    }

    private static List<Reading> drain(final TelemetrySpool spool, final int maxReadings) throws IOException {
        final List<Reading> out = new ArrayList<>();
        SpoolChunk chunk = spool.read(maxReadings);
        while (chunk != null) {
            out.addAll(chunk.readings());
            spool.commit(chunk, chunk.readings().size());
            chunk = spool.read(maxReadings);
        }
        return out;
    }

    private List<Path> segmentFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".spool")).sorted().toList();
        }
    }

    private static void flipByte(final Path file, final long position) throws IOException {
        final byte[] bytes = Files.readAllBytes(file);
        bytes[(int) position] ^= 0x01;
        Files.write(file, bytes);
    }

    private static List<Reading> readings(final String device, final int firstSeq, final int count) {
        return IntStream.range(firstSeq, firstSeq + count)
                .mapToObj(i -> new Reading("lakeside", "bin", device, BASE + i, i, Map.of("fill_pct", (double) i)))
                .toList();
    }
}
