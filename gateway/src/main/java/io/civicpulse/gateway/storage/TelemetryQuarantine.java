// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The quarantine ledger: readings the time-series store refused for their content (a non-retryable
 * {@link TelemetryStoreException}, e.g. HTTP 400 for a column type conflict), kept with the store's reason so that
 * they neither block the readings behind them nor disappear. They live in {@code <dataDir>/quarantine/}
 * {@value #FILE_NAME}, one JSON object per line:
 * {@code {"quarantinedAt":"2026-…Z","reason":"…","device":"bin-7","lineProtocol":"bin,community=…"}}; an operator
 * can fix and re-post the line protocol to the store.
 *
 * <p>Each {@link #record} is fsync'd. The file is bounded by {@code maxBytes}; when it is full, {@link #record}
 * fails, and the writer keeps the readings (spooled, or not acknowledged) rather than drop them: an operator must
 * look at the quarantine. Metric: {@value #QUARANTINED} (readings). Thread-safe.
 */
public final class TelemetryQuarantine implements AutoCloseable {
    /** Counter of readings quarantined. */
    public static final String QUARANTINED = "gateway.telemetry.quarantined";
    /** The ledger file's name in the quarantine folder. */
    public static final String FILE_NAME = "telemetry.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryQuarantine.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final long maxBytes;
    private final Clock clock;
    private final FileChannel channel;
    private final Counter quarantined;
    private long size;

    private TelemetryQuarantine(final Path file, final long maxBytes, final Clock clock, final FileChannel channel,
                                final MeterRegistry registry) throws IOException {
        this.file = file;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.channel = channel;
        this.size = channel.size();
        this.quarantined = Counter.builder(QUARANTINED).baseUnit("readings").register(registry);
    }

    /**
     * Opens (or creates) the ledger in {@code dir}.
     *
     * @param dir      the quarantine folder, e.g. {@code <dataDir>/quarantine}; created if missing
     * @param maxBytes the largest the ledger file may grow, at least 1
     * @param clock    stamps each entry
     * @param registry where the metric goes
     * @return the open ledger
     * @throws IOException if the folder or file cannot be created or opened
     */
    public static TelemetryQuarantine open(final Path dir, final long maxBytes, final Clock clock,
                                           final MeterRegistry registry) throws IOException {
        Objects.requireNonNull(dir, "dir must not be null.");
        Objects.requireNonNull(clock, "clock must not be null.");
        Objects.requireNonNull(registry, "registry must not be null.");
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be at least 1, was " + maxBytes);
        }
        final Path file = Files.createDirectories(dir).resolve(FILE_NAME);
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        try {
            return new TelemetryQuarantine(file, maxBytes, clock, channel, registry);
        } catch (final IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Appends the readings with the reason and forces them to disk.
     *
     * @param readings readings the store refused, at least one
     * @param reason   the store's answer
     * @throws IOException if the ledger is full ({@code telemetry.quarantine.maxBytes}) or cannot be written; then
     *                     nothing of this call counts as quarantined
     */
    public synchronized void record(final List<Reading> readings, final String reason) throws IOException {
        final ByteArrayOutputStream lines = new ByteArrayOutputStream();
        final String at = clock.instant().toString();
        for (final Reading r : readings) {
            final StringBuilder lp = new StringBuilder();
            LineProtocol.appendLine(lp, r, "");
            final ObjectNode entry = JSON.createObjectNode()
                    .put("quarantinedAt", at).put("reason", reason).put("device", r.getDeviceId())
                    .put("lineProtocol", lp.toString());
            lines.write(JSON.writeValueAsBytes(entry));
            lines.write('\n');
        }
        if (size + lines.size() > maxBytes) {
            throw new IOException("the telemetry quarantine " + file + " is full (" + size + " of " + maxBytes
                    + " bytes, telemetry.quarantine.maxBytes): look at it, move it away and restart");
        }
        final ByteBuffer buffer = ByteBuffer.wrap(lines.toByteArray());
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        channel.force(false);
        size += lines.size();
        quarantined.increment(readings.size());
        LOG.warn("Quarantined {} reading(s) the time-series store refused, e.g. of {}, in {}: {}", readings.size(),
                readings.get(0).getDeviceId(), file, reason);
    }

    /** @return the ledger file */
    public Path file() {
        return file;
    }

    /** Closes the file. Idempotent. */
    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (final IOException e) {
            LOG.warn("Cannot close the telemetry quarantine {}: {}", file, e.getMessage());
        }
    }
}
