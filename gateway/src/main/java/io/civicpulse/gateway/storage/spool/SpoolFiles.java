// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spool folder's files: segments {@code segment-<n>.spool} (frames, see {@link SpoolFrameCodec}), the replay
 * checkpoint {@code replayed.pos} ({@code "<segment> <offset>"}: everything before it is in the store) and
 * {@code corrupt/}, where unreadable bytes are set aside instead of being deleted. Stateless helpers; callers
 * serialise access to a folder.
 */
final class SpoolFiles {
    static final String CHECKPOINT = "replayed.pos";
    static final String CORRUPT_DIR = "corrupt";
    private static final Pattern SEGMENT_NAME = Pattern.compile("segment-(\\d{1,20})\\.spool");

    private SpoolFiles() {
    }

    static Path segment(final Path dir, final long id) {
        return dir.resolve(String.format("segment-%020d.spool", id));
    }

    /** @return segment number to file size, ascending */
    static TreeMap<Long, Long> listSegments(final Path dir) throws IOException {
        final TreeMap<Long, Long> segments = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "segment-*.spool")) {
            for (final Path file : files) {
                final Matcher m = SEGMENT_NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    segments.put(Long.parseLong(m.group(1)), Files.size(file));
                }
            }
        }
        return segments;
    }

    /** @return the checkpoint, or null when there is none or it cannot be read (then everything is replayed) */
    static SpoolPosition readCheckpoint(final Path dir) {
        final Path file = dir.resolve(CHECKPOINT);
        try {
            if (!Files.exists(file)) {
                return null;
            }
            final String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            return new SpoolPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (final IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Replaces the checkpoint atomically. Not fsync'd: a checkpoint lost in a power cut makes the next start replay
     * some frames twice, it never skips one.
     */
    static void writeCheckpoint(final Path dir, final SpoolPosition position) throws IOException {
        final Path tmp = dir.resolve(CHECKPOINT + ".tmp");
        Files.writeString(tmp, position.segment() + " " + position.offset() + "\n", StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (final AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(CHECKPOINT), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a created or deleted file name durable (Linux: fsync of the folder); ignored where unsupported. */
    static void syncDirectory(final Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (final IOException e) {
            // Some platforms cannot open a folder as a channel; the frames themselves are still fsync'd.
        }
    }

    /**
     * Reads and checks the frame at {@code position}.
     *
     * @param limit the end of the valid bytes of the segment; a frame reaching past it is torn
     * @return the frame, or null when the bytes there are not a whole frame with a matching CRC
     */
    static Frame readFrame(final FileChannel channel, final long position, final long limit) throws IOException {
        if (limit - position < SpoolFrameCodec.HEADER_BYTES) {
            return null;
        }
        final ByteBuffer header = ByteBuffer.allocate(SpoolFrameCodec.HEADER_BYTES);
        readFully(channel, header, position);
        final int length = header.getInt(0);
        final int crc = header.getInt(4);
        if (length <= 0 || length > SpoolFrameCodec.MAX_PAYLOAD_BYTES
                || position + SpoolFrameCodec.HEADER_BYTES + length > limit) {
            return null;
        }
        final ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload, position + SpoolFrameCodec.HEADER_BYTES);
        payload.flip();
        if (!SpoolFrameCodec.crcMatches(payload, crc)) {
            return null;
        }
        return new Frame(payload, position + SpoolFrameCodec.HEADER_BYTES + length);
    }

    /**
     * Copies bytes {@code [from, to)} of a segment to {@code corrupt/segment-<n>-at-<offset>.bin} so that an
     * operator can inspect them; the caller then skips or truncates them.
     *
     * @return the file written
     */
    static Path setAside(final Path dir, final long segment, final FileChannel channel, final long from,
                         final long to) throws IOException {
        final Path corrupt = Files.createDirectories(dir.resolve(CORRUPT_DIR));
        final Path target = corrupt.resolve("segment-" + segment + "-at-" + from + ".bin");
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long done = 0;
            while (from + done < to) {
                done += channel.transferTo(from + done, to - from - done, out);
            }
            out.force(true);
        }
        return target;
    }

    static void writeFully(final FileChannel channel, final ByteBuffer buffer, final long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
    }

    private static void readFully(final FileChannel channel, final ByteBuffer buffer, final long position)
            throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            final int n = channel.read(buffer, at);
            if (n < 0) {
                throw new EOFException("segment ended at " + at);
            }
            at += n;
        }
    }

    /**
     * One checked frame.
     *
     * @param payload the payload, positioned at its start
     * @param next    the position just after the frame
     */
    record Frame(ByteBuffer payload, long next) {
    }
}
