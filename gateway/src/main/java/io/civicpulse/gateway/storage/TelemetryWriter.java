// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.storage.spool.SpoolFullException;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Durable acceptance of telemetry: group-commit writes to the {@link TelemetryStore}, with a local
 * {@link TelemetrySpool} as the outbox while the store is down or slow. A submission's future completes only once
 * each of its readings is <em>durably accepted</em>: acknowledged by the store, fsync'd in the spool, or (refused by
 * the store for its content) fsync'd in the {@link TelemetryQuarantine}. That is when QoS 1 is acknowledged.
 *
 * <p><b>Flow.</b> {@link #submit} validates and queues (bounded, never blocks). The writer thread
 * ({@code telemetry-writer}) takes batches of up to {@code maxBatchPoints} readings. While the spool is empty it
 * hands the batch to the store thread ({@code telemetry-store}, see {@link StoreWorker}) and waits for the write up
 * to {@code slowWriteAfter}; if the store fails it, or takes longer, the batch (or its unwritten rest) is appended
 * to the spool with one fsync and answered from there. While the spool holds anything, every new batch is appended
 * behind it, so readings reach the store in the order they were accepted; the store thread replays the spool in
 * order and the writer goes back to direct writes once it is drained. When the spool is full the batch is refused
 * ({@link WriterOverloadedException}); when the spool cannot be written, the future fails with
 * {@link TelemetryStoreException}: never a silent drop.
 *
 * <p><b>Threading.</b> {@link #submit} is thread-safe. Futures complete on the writer thread: stages chained
 * without an executor run there, so keep them short or use the async variants.
 *
 * <p><b>Metrics.</b> {@value #WRITE_DURATION} (timer of each store write), {@value #POINTS} (readings by
 * {@code outcome}, see {@link Outcome}) and {@value #QUEUE_DEPTH} (submissions waiting); the spool's and the
 * quarantine's own metrics. No device ids in tags.
 */
public final class TelemetryWriter implements AutoCloseable {
    /** Timer of each store write (direct, replayed or bisecting), successful or not. */
    public static final String WRITE_DURATION = "gateway.telemetry.write.duration";
    /** Counter of readings, tagged {@value #OUTCOME_TAG}. */
    public static final String POINTS = "gateway.telemetry.points";
    /** Gauge of submissions waiting in the queue for the writer thread. */
    public static final String QUEUE_DEPTH = "gateway.telemetry.queue.depth";
    /** Tag of {@link #POINTS}; values are {@link Outcome#tagValue()}. */
    public static final String OUTCOME_TAG = "outcome";

    /** What happened to submitted readings. */
    public enum Outcome {
        /** Written to the store directly. */
        WRITTEN,
        /** Appended to the spool (replayed to the store later; see the spool's replayed counter). */
        SPOOLED,
        /** Refused by the store for their content and kept in the quarantine. */
        QUARANTINED,
        /** Neither stored nor spooled (the spool could not be written); the future failed. */
        FAILED,
        /** Refused: queue full, spool full or writer closed ({@link WriterOverloadedException}). */
        REJECTED,
        /** Refused at submission: a reading breaks {@link TelemetrySchema#validate}. */
        INVALID;

        /** @return the lower-case tag value */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The writer's tuning, from {@code telemetry.*} in the configuration.
     *
     * @param queueCapacity    submissions that may wait before {@link #submit} refuses more, at least 1
     * @param maxBatchPoints   readings per store write at most (a single larger submission excepted), at least 1
     * @param maxDelay         longest a submission waits for its batch to fill, zero or more
     * @param slowWriteAfter   a direct store write taking longer is spooled instead of waited for, positive
     * @param maxRetryInterval longest pause between replay attempts while the store fails, positive
     */
    public record Settings(int queueCapacity, int maxBatchPoints, Duration maxDelay, Duration slowWriteAfter,
                           Duration maxRetryInterval) {
        /**
         * @throws NullPointerException     if a duration is null
         * @throws IllegalArgumentException if a value is out of range
         */
        public Settings {
            requireAtLeastOne(queueCapacity, "queueCapacity");
            requireAtLeastOne(maxBatchPoints, "maxBatchPoints");
            Objects.requireNonNull(maxDelay, "maxDelay must not be null.");
            Objects.requireNonNull(slowWriteAfter, "slowWriteAfter must not be null.");
            Objects.requireNonNull(maxRetryInterval, "maxRetryInterval must not be null.");
            if (maxDelay.isNegative()) {
                throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
            }
            if (slowWriteAfter.isNegative() || slowWriteAfter.isZero()) {
                throw new IllegalArgumentException("slowWriteAfter must be positive, was " + slowWriteAfter);
            }
            if (maxRetryInterval.isNegative() || maxRetryInterval.isZero()) {
                throw new IllegalArgumentException("maxRetryInterval must be positive, was " + maxRetryInterval);
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWriter.class);

    private final TelemetrySpool spool;
    private final SubmissionQueue queue;
    private final StoreWorker worker;
    private final long slowWriteNanos;
    private final Thread writerThread;
    private final Thread storeThread;
    private final Map<Outcome, Counter> points = new EnumMap<>(Outcome.class);

    /**
     * @param store      the store to write to; not closed by this writer
     * @param spool      the outbox; not closed by this writer; replayed from as soon as {@link #start} runs
     * @param quarantine where readings the store refuses go; not closed by this writer
     * @param settings   tuning
     * @param registry   where the metrics go
     * @throws NullPointerException if an argument is null
     */
    public TelemetryWriter(final TelemetryStore store, final TelemetrySpool spool,
                           final TelemetryQuarantine quarantine, final Settings settings,
                           final MeterRegistry registry) {
        Objects.requireNonNull(store, "store must not be null.");
        this.spool = Objects.requireNonNull(spool, "spool must not be null.");
        Objects.requireNonNull(quarantine, "quarantine must not be null.");
        Objects.requireNonNull(settings, "settings must not be null.");
        Objects.requireNonNull(registry, "registry must not be null.");
        this.queue = new SubmissionQueue(settings.queueCapacity(), settings.maxBatchPoints(),
                settings.maxDelay().toNanos());
        this.slowWriteNanos = settings.slowWriteAfter().toNanos();
        this.worker = new StoreWorker(new BisectingStoreWriter(store, quarantine,
                Timer.builder(WRITE_DURATION).register(registry)), spool, settings.maxBatchPoints(),
                settings.maxRetryInterval().toNanos());
        for (final Outcome outcome : Outcome.values()) {
            points.put(outcome, Counter.builder(POINTS).tag(OUTCOME_TAG, outcome.tagValue()).register(registry));
        }
        Gauge.builder(QUEUE_DEPTH, queue, SubmissionQueue::depth).register(registry);
        this.writerThread = new Thread(this::run, "telemetry-writer");
        writerThread.setDaemon(true);
        this.storeThread = new Thread(worker, "telemetry-store");
        storeThread.setDaemon(true);
    }

    /**
     * Starts the writer and store threads; the store thread replays what the spool holds first. Submissions made
     * before are queued and handled once they run.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (writerThread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("telemetry writer already started");
        }
        storeThread.start();
        writerThread.start();
    }

    /**
     * Queues readings for the next batch. Never blocks.
     *
     * @param readings readings to store, never null; copied
     * @return a future completed (on the writer thread) when every reading is durably accepted, with how; or failed
     *     with {@link WriterOverloadedException} if the queue or the spool is full or the writer closed, with
     *     {@link TelemetryStoreException} if the store failed and the spool could not be written, with
     *     {@link IllegalArgumentException} if a reading breaks {@link TelemetrySchema#validate} (nothing of this
     *     submission is then written)
     */
    public CompletableFuture<WriteReceipt> submit(final List<Reading> readings) {
        final List<Reading> copy = List.copyOf(Objects.requireNonNull(readings, "readings must not be null."));
        if (copy.isEmpty()) {
            return CompletableFuture.completedFuture(WriteReceipt.STORED);
        }
        try {
            copy.forEach(TelemetrySchema::validate);
        } catch (final IllegalArgumentException e) {
            points.get(Outcome.INVALID).increment(copy.size());
            return CompletableFuture.failedFuture(e);
        }
        final CompletableFuture<WriteReceipt> future = new CompletableFuture<>();
        final String refusal = queue.offer(new SubmissionQueue.Submission(copy, System.nanoTime(), future));
        if (refusal != null) {
            points.get(Outcome.REJECTED).increment(copy.size());
            return CompletableFuture.failedFuture(new WriterOverloadedException(refusal));
        }
        return future;
    }

    /** @return the spool this writer appends to while the store is down or slow */
    TelemetrySpool spool() {
        return spool;
    }

    /** @return submissions waiting for the writer thread */
    public int queueDepth() {
        return queue.depth();
    }

    /**
     * Stops accepting submissions, answers every queued one (stored or spooled), then stops the store thread after
     * its current write; blocks until then (bounded by the store's own timeouts). What the spool still holds is
     * replayed at the next start. Idempotent. Closes neither the store, the spool nor the quarantine.
     */
    @Override
    public void close() {
        queue.close();
        if (Thread.currentThread() == writerThread) {
            // Called from a future's callback: the writer thread drains the queue once this returns.
            return;
        }
        synchronized (this) {
            if (writerThread.getState() == Thread.State.NEW) {
                start();
            }
        }
        try {
            writerThread.join();
            storeThread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<SubmissionQueue.Submission> batch = queue.nextBatch();
            while (batch != null) {
                accept(batch);
                batch = queue.nextBatch();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Telemetry writer interrupted; {} submissions left unanswered", queueDepth());
        } finally {
            worker.stop();
        }
    }

    private void accept(final List<SubmissionQueue.Submission> batch) throws InterruptedException {
        final List<Reading> readings = new ArrayList<>();
        batch.forEach(s -> readings.addAll(s.readings()));
        if (!spool.isEmpty()) {
            spoolRest(batch, readings, 0, Map.of());
            return;
        }
        final DirectAttempt attempt = new DirectAttempt(readings);
        worker.offer(attempt);
        BisectingStoreWriter.Resolution r = attempt.await(slowWriteNanos);
        if (r == null && attempt.beginSpooling()) {
            final Exception refusal = tryAppend(readings);
            attempt.endSpooling(refusal == null);
            if (refusal == null) {
                batch.forEach(s -> s.future().complete(WriteReceipt.SPOOLED));
                return;
            }
            // The spool cannot take it: withhold the answer until the store does.
            r = attempt.await(-1);
        } else if (r == null) {
            r = attempt.await(-1);
        }
        points.get(Outcome.WRITTEN).increment(r.stored());
        points.get(Outcome.QUARANTINED).increment(r.quarantined().size());
        spoolRest(batch, readings, r.resolved(), r.quarantined());
    }

    /**
     * Appends readings {@code [from, end)} to the spool (if any), then answers every submission of the batch: those
     * wholly before {@code from} from the store's result, the others from the spool's.
     */
    private void spoolRest(final List<SubmissionQueue.Submission> batch, final List<Reading> readings,
                           final int from, final Map<Integer, String> quarantined) {
        final Exception refusal = from < readings.size() ? tryAppend(readings.subList(from, readings.size())) : null;
        if (refusal != null) {
            points.get(refusal instanceof WriterOverloadedException ? Outcome.REJECTED : Outcome.FAILED)
                    .increment(readings.size() - from);
        }
        int offset = 0;
        for (final SubmissionQueue.Submission s : batch) {
            final int size = s.readings().size();
            final boolean spooled = offset + size > from;
            if (spooled && refusal != null) {
                s.future().completeExceptionally(refusal);
            } else {
                s.future().complete(new WriteReceipt(spooled, slice(quarantined, offset, size)));
            }
            offset += size;
        }
    }

    /** @return null when appended, else the refusal to fail the futures with */
    private Exception tryAppend(final List<Reading> readings) {
        try {
            spool.append(readings);
            worker.spooled();
            points.get(Outcome.SPOOLED).increment(readings.size());
            return null;
        } catch (final SpoolFullException e) {
            return new WriterOverloadedException(e.getMessage());
        } catch (final IOException | RuntimeException e) {
            LOG.error("Telemetry spool cannot be written; readings are refused: {}", e.getMessage(), e);
            return new TelemetryStoreException("the store did not take the readings and the spool failed: "
                    + e.getMessage(), e);
        }
    }

    private static Map<Integer, String> slice(final Map<Integer, String> quarantined, final int offset,
                                              final int size) {
        if (quarantined.isEmpty()) {
            return Map.of();
        }
        final Map<Integer, String> own = new HashMap<>();
        quarantined.forEach((index, reason) -> {
            if (index >= offset && index < offset + size) {
                own.put(index - offset, reason);
            }
        });
        return own;
    }

    private static int requireAtLeastOne(final int value, final String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }
}
