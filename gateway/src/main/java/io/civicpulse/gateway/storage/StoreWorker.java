// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.storage.spool.SpoolChunk;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The store thread ({@code telemetry-store}): the only thread that writes to the {@link TelemetryStore}. It takes
 * direct writes handed over by the writer thread ({@link DirectAttempt}) and, whenever the spool holds frames,
 * replays them in order: reads a chunk of up to {@code maxBatchPoints} readings, writes it (bisecting and
 * quarantining what the store refuses), commits it, and moves on. A retryable failure keeps the unwritten rest of
 * the chunk in memory and retries it after a back-off that doubles from {@value #FIRST_RETRY_MILLIS} ms up to
 * {@code maxRetryInterval}.
 *
 * <p>Direct writes happen only while the spool is empty, so they never overtake spooled readings.
 */
final class StoreWorker implements Runnable {
    static final long FIRST_RETRY_MILLIS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(StoreWorker.class);
    private static final long IDLE_WAIT_MILLIS = 1_000;

    private final BisectingStoreWriter storeWriter;
    private final TelemetrySpool spool;
    private final int maxBatchPoints;
    private final long maxRetryNanos;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private DirectAttempt direct;
    private boolean stopping;
    private long retryAtNanos;
    /** Store thread only. */
    private SpoolChunk chunk;
    private List<Reading> unwritten = List.of();
    private int replayedInChunk;
    private int headSkip;
    private long backoffNanos;
    private boolean failing;

    StoreWorker(final BisectingStoreWriter storeWriter, final TelemetrySpool spool, final int maxBatchPoints,
                final long maxRetryNanos) {
        this.storeWriter = storeWriter;
        this.spool = spool;
        this.maxBatchPoints = maxBatchPoints;
        this.maxRetryNanos = maxRetryNanos;
    }

    /** Writer thread: hands over a batch for a direct write. */
    void offer(final DirectAttempt attempt) {
        synchronized (lock) {
            direct = attempt;
            lock.notifyAll();
        }
    }

    /** Writer thread: a frame was appended; replay it unless a back-off is running. */
    void spooled() {
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    /** Stops after the current write; what is left in the spool stays there. */
    void stop() {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
    }

    @Override
    public void run() {
        try {
            DirectAttempt attempt = awaitWork();
            while (!stoppingNow() || attempt != null) {
                if (attempt != null) {
                    writeDirect(attempt);
                } else {
                    replayOnce();
                }
                attempt = awaitWork();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (final RuntimeException e) {
            LOG.error("Telemetry store thread failed; spooled readings wait for the next start", e);
        }
    }

    /** @return a direct attempt to run, or null to replay (or to stop, when stopping) */
    private DirectAttempt awaitWork() throws InterruptedException {
        synchronized (lock) {
            while (true) {
                if (direct != null) {
                    final DirectAttempt a = direct;
                    direct = null;
                    return a;
                }
                if (stopping) {
                    return null;
                }
                final boolean replayable = chunk != null || !spool.isEmpty();
                final long wait = replayable ? retryAtNanos - System.nanoTime() : IDLE_WAIT_MILLIS * 1_000_000;
                if (replayable && wait <= 0) {
                    return null;
                }
                lock.wait(Math.max(1, wait / 1_000_000));
            }
        }
    }

    private boolean stoppingNow() {
        synchronized (lock) {
            return stopping;
        }
    }

    private void writeDirect(final DirectAttempt attempt) throws InterruptedException {
        final BisectingStoreWriter.Resolution r = storeWriter.write(attempt.readings());
        if (!attempt.finish(r)) {
            // The writer thread spooled this batch while we wrote it: it is the spool's head frame now, and the
            // part we resolved must not be written again.
            headSkip = r.resolved();
        }
        afterWrite(r.failure());
    }

    private void replayOnce() {
        try {
            if (chunk == null) {
                chunk = spool.read(maxBatchPoints);
                if (chunk == null) {
                    return;
                }
                final List<Reading> all = chunk.readings();
                unwritten = all.subList(Math.min(headSkip, all.size()), all.size());
                headSkip = 0;
                replayedInChunk = 0;
            }
            if (!unwritten.isEmpty()) {
                final BisectingStoreWriter.Resolution r = storeWriter.write(unwritten);
                replayedInChunk += r.stored();
                unwritten = new ArrayList<>(unwritten.subList(r.resolved(), unwritten.size()));
                afterWrite(r.failure());
                if (!unwritten.isEmpty()) {
                    return;
                }
            }
            final SpoolChunk done = chunk;
            chunk = null;
            spool.commit(done, replayedInChunk);
        } catch (final IOException | RuntimeException e) {
            // Never let the thread die: the spool would only fill. Keep the readings and try again later.
            LOG.error("Telemetry spool cannot be read or committed: {}", e.getMessage(), e);
            afterWrite(e);
        }
    }

    /** Logs a failure streak once and sets the back-off; resets both on success. */
    private void afterWrite(final Exception failure) {
        synchronized (lock) {
            if (failure == null) {
                backoffNanos = 0;
                retryAtNanos = 0;
            } else {
                backoffNanos = backoffNanos == 0 ? FIRST_RETRY_MILLIS * 1_000_000
                        : Math.min(backoffNanos * 2, maxRetryNanos);
                retryAtNanos = System.nanoTime() + backoffNanos;
            }
        }
        if (failure == null && failing) {
            failing = false;
            LOG.info("Telemetry store writes succeed again; spooled readings are replayed in order");
        } else if (failure != null && !failing) {
            failing = true;
            LOG.warn("Telemetry store write failed; readings go to the spool and are replayed when it answers "
                    + "(further failures at debug): {}", failure.getMessage());
        } else if (failure != null) {
            LOG.debug("Telemetry store write failed again: {}", failure.getMessage());
        }
    }
}
