// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A bounded, append-only, crash-safe FIFO of readings on local disk: the telemetry writer's outbox while the
 * time-series store is down or slow. One spool per gateway, in {@code <dataDir>/spool/}.
 *
 * <p><b>Durability.</b> {@link #append} writes the readings of one writer batch as one frame (length, CRC-32C,
 * compact binary payload; see {@link SpoolFrameCodec}) and forces it to disk before it returns: one fsync per batch,
 * however many readings it holds. Frames live in segment files that are deleted once every frame in them has been
 * replayed ({@link #commit}); a checkpoint file records how far replay got, so a restart replays from there. At
 * {@link #open}, frames left by an earlier run are checked; a torn frame at the very end (the process died while
 * writing it, so it was never acknowledged) is truncated. Replay is at least once: a crash between a store write and
 * its commit replays those frames again.
 *
 * <p><b>Bound.</b> The segment files never exceed {@code maxBytes} together; an append that does not fit fails with
 * {@link SpoolFullException} and nothing of it is written.
 *
 * <p><b>Threading.</b> One thread appends (the writer's), one thread reads and commits (the store thread); both may
 * run at once. {@link #isEmpty} and the metrics may be read from any thread. Methods block on file I/O.
 *
 * <p><b>Metrics.</b> {@value #BYTES}, {@value #RECORDS} and {@value #FILL} (gauges), {@value #APPENDED},
 * {@value #REPLAYED}, {@value #REFUSED} and {@value #CORRUPT_BYTES} (counters), {@value #FSYNC_DURATION} (timer,
 * one per frame). Crossing 50 % and 80 % of {@code maxBytes} is logged at WARN and ERROR, falling back below 50 %
 * at INFO; alert on {@value #FILL}.
 */
public final class TelemetrySpool implements AutoCloseable {
    /** Gauge: bytes of segment files on disk (what {@code maxBytes} bounds). */
    public static final String BYTES = "gateway.telemetry.spool.bytes";
    /** Gauge: readings in the spool waiting to be replayed to the store. */
    public static final String RECORDS = "gateway.telemetry.spool.records";
    /** Gauge: {@value #BYTES} divided by {@code maxBytes}, from 0 to 1. */
    public static final String FILL = "gateway.telemetry.spool.fill";
    /** Counter: readings appended. */
    public static final String APPENDED = "gateway.telemetry.spool.appended";
    /** Counter: readings replayed from the spool into the store. */
    public static final String REPLAYED = "gateway.telemetry.spool.replayed";
    /** Counter: readings refused because the spool was full. */
    public static final String REFUSED = "gateway.telemetry.spool.refused";
    /** Counter: unreadable bytes set aside in {@code corrupt/} instead of being replayed. */
    public static final String CORRUPT_BYTES = "gateway.telemetry.spool.corrupt.bytes";
    /** Timer: each fsync of an appended frame. */
    public static final String FSYNC_DURATION = "gateway.telemetry.spool.fsync.duration";
    /** Smallest {@code maxBytes} accepted. */
    public static final long MIN_MAX_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(TelemetrySpool.class);
    private static final long MIN_SEGMENT_BYTES = 16 * 1024;
    private static final long MAX_SEGMENT_BYTES = 64L * 1024 * 1024;
    private static final double WARN_FILL = 0.5;
    private static final double ALARM_FILL = 0.8;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final SpoolSync sync;
    /** Segment number to size in bytes; guarded by this. */
    private final TreeMap<Long, Long> segments;
    private final Counter appended;
    private final Counter replayed;
    private final Counter refused;
    private final Counter corruptBytes;
    private final Timer fsyncTimer;
    /** Guarded by this: the segment appended to (null until the first append of this run), its number. */
    private FileChannel tail;
    private long tailId;
    private long nextId;
    /** Guarded by this: the first frame not yet committed, and the position after the last durable frame. */
    private SpoolPosition head;
    private SpoolPosition end;
    private volatile long diskBytes;
    private volatile long pendingReadings;
    private int alarmLevel;
    private boolean closed;
    /** Store thread only: the segment open for reading. */
    private FileChannel reader;
    private long readerId = -1;

    private TelemetrySpool(final Path dir, final long maxBytes, final SpoolSync sync,
                           final SpoolRecovery.Recovered recovered, final MeterRegistry registry) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = Math.max(MIN_SEGMENT_BYTES, Math.min(MAX_SEGMENT_BYTES, maxBytes / 16));
        this.sync = sync;
        this.segments = recovered.segments();
        this.nextId = recovered.nextId();
        this.head = recovered.head() == null ? new SpoolPosition(nextId, 0) : recovered.head();
        this.end = segments.isEmpty() ? head : new SpoolPosition(segments.lastKey(), segments.lastEntry().getValue());
        this.pendingReadings = recovered.readings();
        this.appended = Counter.builder(APPENDED).baseUnit("readings").register(registry);
        this.replayed = Counter.builder(REPLAYED).baseUnit("readings").register(registry);
        this.refused = Counter.builder(REFUSED).baseUnit("readings").register(registry);
        this.corruptBytes = Counter.builder(CORRUPT_BYTES).baseUnit("bytes").register(registry);
        this.fsyncTimer = Timer.builder(FSYNC_DURATION).register(registry);
        Gauge.builder(BYTES, this, s -> s.diskBytes).baseUnit("bytes").register(registry);
        Gauge.builder(RECORDS, this, s -> s.pendingReadings).register(registry);
        Gauge.builder(FILL, this, s -> (double) s.diskBytes / s.maxBytes).register(registry);
    }

    /**
     * Opens the spool in {@code dir} (created if missing), recovering what an earlier run left there.
     *
     * @param dir      the spool folder, e.g. {@code <dataDir>/spool}
     * @param maxBytes the most bytes the segment files may take together, at least {@value #MIN_MAX_BYTES}
     * @param registry where the metrics go
     * @return the open spool
     * @throws IOException              if the folder cannot be created, read or repaired
     * @throws IllegalArgumentException if {@code maxBytes} is below {@value #MIN_MAX_BYTES}
     */
    public static TelemetrySpool open(final Path dir, final long maxBytes, final MeterRegistry registry)
            throws IOException {
        return open(dir, maxBytes, registry, SpoolSync.FDATASYNC);
    }

    /**
     * As {@link #open(Path, long, MeterRegistry)}, forcing frames to disk with {@code sync}.
     *
     * @param sync how a frame is forced to disk; tests count or fail it
     * @return the open spool
     * @throws IOException if the folder cannot be created, read or repaired
     */
    public static TelemetrySpool open(final Path dir, final long maxBytes, final MeterRegistry registry,
                                      final SpoolSync sync) throws IOException {
        Objects.requireNonNull(dir, "dir must not be null.");
        Objects.requireNonNull(registry, "registry must not be null.");
        Objects.requireNonNull(sync, "sync must not be null.");
        if (maxBytes < MIN_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes must be at least " + MIN_MAX_BYTES + ", was " + maxBytes);
        }
        Files.createDirectories(dir);
        final TelemetrySpool spool = new TelemetrySpool(dir, maxBytes, sync, SpoolRecovery.recover(dir), registry);
        synchronized (spool) {
            spool.normalizeHead();
            if (spool.head.equals(spool.end)) {
                spool.drained();
            }
            spool.diskBytes = spool.sumSizes();
            spool.updateAlarm();
        }
        return spool;
    }

    /**
     * Appends the readings as one frame and forces it to disk. When this returns normally the readings survive a
     * crash of the process and of the machine.
     *
     * @param readings readings already valid for the store, at least one; in the order they are to be replayed
     * @throws SpoolFullException       if the frame does not fit within {@code maxBytes}; nothing was written
     * @throws IOException              if writing or fsync failed; the frame does not count as appended
     * @throws IllegalArgumentException if {@code readings} is empty
     */
    public void append(final List<Reading> readings) throws SpoolFullException, IOException {
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("a spool frame needs at least one reading");
        }
        final ByteBuffer frame = SpoolFrameCodec.encode(readings);
        final long size = frame.remaining();
        synchronized (this) {
            if (closed) {
                throw new IOException("the telemetry spool " + dir + " is closed");
            }
            if (size - SpoolFrameCodec.HEADER_BYTES > SpoolFrameCodec.MAX_PAYLOAD_BYTES) {
                refused.increment(readings.size());
                throw new SpoolFullException("a batch of " + readings.size() + " readings (" + size + " bytes) is "
                        + "larger than one spool frame may be (" + SpoolFrameCodec.MAX_PAYLOAD_BYTES + " bytes)");
            }
            if (diskBytes + size > maxBytes) {
                refused.increment(readings.size());
                throw new SpoolFullException("the telemetry spool is full: " + diskBytes + " of " + maxBytes
                        + " bytes used, " + size + " more needed (telemetry.spool.maxBytes)");
            }
            final long tailSize = tail == null ? 0 : segments.get(tailId);
            if (tail == null || tailSize > 0 && tailSize + size > segmentBytes) {
                roll();
            }
            writeAndSync(frame, segments.get(tailId));
            segments.put(tailId, segments.get(tailId) + size);
            end = new SpoolPosition(tailId, segments.get(tailId));
            diskBytes += size;
            pendingReadings += readings.size();
            appended.increment(readings.size());
            updateAlarm();
        }
    }

    /** @return true when every appended frame has been committed */
    public synchronized boolean isEmpty() {
        return head.equals(end);
    }

    /** @return readings appended and not yet committed (as counted at recovery and since) */
    public long pendingReadings() {
        return pendingReadings;
    }

    /** @return bytes of segment files on disk */
    public long diskBytes() {
        return diskBytes;
    }

    /**
     * Reads frames from the head, in append order, until they hold {@code maxReadings} readings (always at least
     * one frame) or the durable end is reached. Does not move the head: call {@link #commit} once the readings are
     * in the store. Bytes that fail their CRC here (disk damage after start-up) are set aside and skipped. Store
     * thread only.
     *
     * @param maxReadings readings to read at most, unless the first frame alone holds more
     * @return the chunk, or null when the spool is empty
     * @throws IOException if a segment cannot be read
     */
    public SpoolChunk read(final int maxReadings) throws IOException {
        final SpoolPosition from;
        final SpoolPosition until;
        final TreeMap<Long, Long> sizes;
        synchronized (this) {
            if (head.equals(end)) {
                return null;
            }
            from = head;
            until = end;
            sizes = new TreeMap<>(segments.headMap(end.segment(), true));
        }
        final List<Reading> readings = new ArrayList<>();
        SpoolPosition at = from;
        while (at.compareTo(until) < 0 && readings.size() < maxReadings) {
            final long limit = at.segment() == until.segment() ? until.offset() : sizes.get(at.segment());
            if (at.offset() >= limit) {
                at = new SpoolPosition(sizes.higherKey(at.segment()), 0);
                continue;
            }
            final FileChannel channel = readerFor(at.segment());
            final SpoolFiles.Frame frame = SpoolFiles.readFrame(channel, at.offset(), limit);
            if (frame == null) {
                final Path aside = SpoolFiles.setAside(dir, at.segment(), channel, at.offset(), limit);
                corruptBytes.increment(limit - at.offset());
                LOG.error("Telemetry spool segment {}: {} unreadable bytes at offset {} set aside in {}",
                        at.segment(), limit - at.offset(), at.offset(), aside);
                at = new SpoolPosition(at.segment(), limit);
                continue;
            }
            if (!readings.isEmpty() && readings.size() + SpoolFrameCodec.count(frame.payload()) > maxReadings) {
                break;
            }
            readings.addAll(SpoolFrameCodec.decode(frame.payload()));
            at = new SpoolPosition(at.segment(), frame.next());
        }
        return new SpoolChunk(readings, at);
    }

    /**
     * Moves the head past a chunk whose readings are now in the store (or quarantined), deletes segments that are
     * wholly replayed and records the checkpoint. Store thread only.
     *
     * @param chunk    a chunk from {@link #read}, the oldest one not yet committed
     * @param replayedReadings how many of its readings were written to the store (for {@value #REPLAYED})
     * @throws IOException if the checkpoint cannot be written (the head moves anyway; a restart replays more)
     */
    public void commit(final SpoolChunk chunk, final int replayedReadings) throws IOException {
        replayed.increment(replayedReadings);
        synchronized (this) {
            head = chunk.end();
            pendingReadings = Math.max(0, pendingReadings - chunk.readings().size());
            normalizeHead();
            if (head.equals(end)) {
                drained();
            } else {
                SpoolFiles.writeCheckpoint(dir, head);
            }
            diskBytes = sumSizes();
            updateAlarm();
        }
    }

    /** Closes the files; what is not replayed stays for the next start. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        closeQuietly(tail);
        tail = null;
        closeQuietly(reader);
        reader = null;
        readerId = -1;
    }

    private void roll() throws IOException {
        closeQuietly(tail);
        tail = null;
        final long id = nextId++;
        tail = FileChannel.open(SpoolFiles.segment(dir, id), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        tailId = id;
        segments.put(id, 0L);
        SpoolFiles.syncDirectory(dir);
        if (head.equals(end)) {
            head = new SpoolPosition(id, 0);
            end = head;
        }
    }

    private void writeAndSync(final ByteBuffer frame, final long position) throws IOException {
        try {
            SpoolFiles.writeFully(tail, frame, position);
            final long started = System.nanoTime();
            sync.force(tail);
            fsyncTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        } catch (final IOException e) {
            try {
                tail.truncate(position);
            } catch (final IOException ignored) {
                // Recovery truncates a torn frame at the next start anyway.
            }
            throw e;
        }
    }

    /** Deletes wholly replayed segments in front of the head and moves it to the next segment's start. */
    private void normalizeHead() throws IOException {
        for (final Long id : segments.headMap(head.segment()).keySet().toArray(new Long[0])) {
            delete(id);
        }
        while (head.segment() < end.segment() && head.offset() >= segments.getOrDefault(head.segment(), 0L)) {
            delete(head.segment());
            head = new SpoolPosition(segments.higherKey(head.segment()), 0);
        }
    }

    /** Everything is replayed: remove every file, so an idle spool takes no disk. */
    private void drained() throws IOException {
        closeQuietly(tail);
        tail = null;
        for (final Long id : segments.keySet().toArray(new Long[0])) {
            delete(id);
        }
        Files.deleteIfExists(dir.resolve(SpoolFiles.CHECKPOINT));
        head = new SpoolPosition(nextId, 0);
        end = head;
        pendingReadings = 0;
    }

    private void delete(final long id) throws IOException {
        if (readerId == id) {
            closeQuietly(reader);
            reader = null;
            readerId = -1;
        }
        segments.remove(id);
        Files.deleteIfExists(SpoolFiles.segment(dir, id));
    }

    private FileChannel readerFor(final long id) throws IOException {
        if (readerId != id) {
            closeQuietly(reader);
            reader = FileChannel.open(SpoolFiles.segment(dir, id), StandardOpenOption.READ);
            readerId = id;
        }
        return reader;
    }

    private long sumSizes() {
        long sum = 0;
        for (final Map.Entry<Long, Long> e : segments.entrySet()) {
            sum += e.getValue();
        }
        return sum;
    }

    private void updateAlarm() {
        final double fill = (double) diskBytes / maxBytes;
        final int level = fill >= ALARM_FILL ? 2 : fill >= WARN_FILL ? 1 : 0;
        if (level > alarmLevel) {
            if (level == 2) {
                LOG.error("Telemetry spool is {} % full ({} of {} bytes): the time-series store is down or too "
                        + "slow; at 100 % new readings are refused (0x97)", Math.round(fill * 100), diskBytes,
                        maxBytes);
            } else {
                LOG.warn("Telemetry spool is {} % full ({} of {} bytes): the time-series store is down or too slow",
                        Math.round(fill * 100), diskBytes, maxBytes);
            }
        } else if (level == 0 && alarmLevel > 0) {
            LOG.info("Telemetry spool is below 50 % again ({} of {} bytes)", diskBytes, maxBytes);
        }
        alarmLevel = level;
    }

    private static void closeQuietly(final FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (final IOException ignored) {
            // Nothing more to do with a channel that cannot close.
        }
    }
}
