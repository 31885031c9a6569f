// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * Brings a spool folder left by an earlier run (stopped, killed or crashed) into a consistent state before the
 * spool opens: drops segments the checkpoint says are replayed, checks every remaining frame's length and CRC,
 * truncates a torn frame at the end of the last segment (it was being written when the process died, so it was
 * never fsync'd and never acknowledged) and sets aside unreadable bytes in the middle of the spool (disk damage) in
 * {@code corrupt/}.
 */
final class SpoolRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolRecovery.class);

    private SpoolRecovery() {
    }

    /**
     * @param dir the spool folder, existing
     * @return what is left to replay
     * @throws IOException if the folder cannot be read or repaired
     */
    static Recovered recover(final Path dir) throws IOException {
        final TreeMap<Long, Long> segments = SpoolFiles.listSegments(dir);
        final SpoolPosition checkpoint = SpoolFiles.readCheckpoint(dir);
        long nextId = segments.isEmpty() ? 1 : segments.lastKey() + 1;
        SpoolPosition head = null;
        if (checkpoint != null) {
            nextId = Math.max(nextId, checkpoint.segment() + 1);
            for (final Long id : segments.headMap(checkpoint.segment()).keySet().toArray(new Long[0])) {
                Files.deleteIfExists(SpoolFiles.segment(dir, id));
                segments.remove(id);
            }
            final Long size = segments.get(checkpoint.segment());
            if (size != null && checkpoint.offset() <= size) {
                head = checkpoint;
            }
        }
        if (head == null && !segments.isEmpty()) {
            head = new SpoolPosition(segments.firstKey(), 0);
        }
        long readings = 0;
        long frames = 0;
        for (final Map.Entry<Long, Long> segment : segments.entrySet()) {
            final long from = head != null && segment.getKey() == head.segment() ? head.offset() : 0;
            final Scan scan = check(dir, segment.getKey(), from, segment.getKey().equals(segments.lastKey()));
            segment.setValue(scan.validEnd());
            readings += scan.readings();
            frames += scan.frames();
        }
        if (frames > 0) {
            LOG.info("Telemetry spool {}: {} readings in {} frames left by the previous run; they are replayed "
                    + "before new readings", dir, readings, frames);
        }
        return new Recovered(segments, head, nextId, readings);
    }

    private static Scan check(final Path dir, final long id, final long from, final boolean last)
            throws IOException {
        final Path file = SpoolFiles.segment(dir, id);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            final long size = channel.size();
            long position = from;
            long readings = 0;
            long frames = 0;
            SpoolFiles.Frame frame = SpoolFiles.readFrame(channel, position, size);
            while (frame != null) {
                readings += SpoolFrameCodec.count(frame.payload());
                frames++;
                position = frame.next();
                frame = SpoolFiles.readFrame(channel, position, size);
            }
            if (position < size) {
                if (last) {
                    LOG.warn("Telemetry spool {}: {} bytes of a torn frame at its end (being written when the "
                            + "process stopped; never acknowledged) are truncated", file, size - position);
                } else {
                    final Path aside = SpoolFiles.setAside(dir, id, channel, position, size);
                    LOG.error("Telemetry spool {}: {} unreadable bytes at offset {} (bad length or CRC) are set "
                            + "aside in {}; the readings in them cannot be replayed", file, size - position,
                            position, aside);
                }
                channel.truncate(position);
                channel.force(true);
            }
            return new Scan(position, readings, frames);
        }
    }

    private record Scan(long validEnd, long readings, long frames) {
    }

    /**
     * @param segments segment number to valid size, ascending
     * @param head     the first frame to replay, or null when there are no segments
     * @param nextId   the number for the next new segment
     * @param readings readings waiting to be replayed
     */
    record Recovered(TreeMap<Long, Long> segments, SpoolPosition head, long nextId, long readings) {
    }
}
