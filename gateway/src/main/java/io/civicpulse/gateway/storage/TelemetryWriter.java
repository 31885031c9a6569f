// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Group-commit writer between the ingest lanes and the {@link TelemetryStore}: many small submissions become one
 * store write of up to {@code maxBatchPoints} readings.
 *
 * <p><b>Threading.</b> {@link #submit} is thread-safe and never blocks: it validates, takes a slot in the bounded
 * queue or refuses at once. One writer thread ({@code telemetry-writer}) takes the first waiting submission, adds
 * the following ones until the batch holds {@code maxBatchPoints} readings or {@code maxDelay} has passed since
 * the first one was submitted, calls {@link TelemetryStore#write} once and completes the futures of the batch. A
 * submission is never split, and one larger than {@code maxBatchPoints} is written alone. When the store refuses a
 * batch for its content ({@link TelemetryStoreException#isRetryable()} false), each submission is written alone,
 * so one bad submission does not fail the others. Futures complete on the writer thread: stages chained without
 * an executor run there, so keep them short or use the async variants.
 *
 * <p><b>Metrics.</b> {@value #WRITE_DURATION} (timer of each store write), {@value #POINTS} (readings by
 * {@code outcome}, see {@link Outcome}) and {@value #QUEUE_DEPTH} (submissions waiting). No device ids in tags.
 */
public final class TelemetryWriter implements AutoCloseable {
    /** Timer of each store write (one per batch), successful or not. */
    public static final String WRITE_DURATION = "gateway.telemetry.write.duration";
    /** Counter of readings, tagged {@value #OUTCOME_TAG}. */
    public static final String POINTS = "gateway.telemetry.points";
    /** Gauge of submissions waiting in the queue for the writer thread. */
    public static final String QUEUE_DEPTH = "gateway.telemetry.queue.depth";
    /** Tag of {@link #POINTS}; values are {@link Outcome#tagValue()}. */
    public static final String OUTCOME_TAG = "outcome";

    /** What happened to submitted readings. */
    public enum Outcome {
        /** The store acknowledged them. */
        WRITTEN,
        /** The store write failed; the future failed with the {@link TelemetryStoreException}. */
        FAILED,
        /** Refused at submission: queue full or writer closed ({@link WriterOverloadedException}). */
        REJECTED,
        /** Refused at submission: a reading breaks {@link TelemetrySchema#validate}. */
        INVALID;

        /** @return the lower-case tag value */
        public String tagValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWriter.class);

    private final TelemetryStore store;
    private final int maxBatchPoints;
    private final SubmissionQueue queue;
    private final Thread thread;
    private final Timer writeTimer;
    private final Map<Outcome, Counter> points = new EnumMap<>(Outcome.class);
    /** Whether the last store write failed, to log a failure streak once; writer thread only. */
    private boolean failing;

    /**
     * @param store          the store to write to; not closed by this writer
     * @param queueCapacity  submissions that may wait before {@link #submit} refuses more, at least 1
     * @param maxBatchPoints readings per store write at most (a single larger submission excepted), at least 1
     * @param maxDelay       longest a submission waits for its batch to fill, zero or more
     * @param registry       where the metrics go
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if a number is out of range
     */
    public TelemetryWriter(final TelemetryStore store, final int queueCapacity, final int maxBatchPoints,
                           final Duration maxDelay, final MeterRegistry registry) {
        this.store = Objects.requireNonNull(store, "store must not be null.");
        this.maxBatchPoints = requireAtLeastOne(maxBatchPoints, "maxBatchPoints");
        Objects.requireNonNull(maxDelay, "maxDelay must not be null.");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative, was " + maxDelay);
        }
        Objects.requireNonNull(registry, "registry must not be null.");
        this.queue = new SubmissionQueue(requireAtLeastOne(queueCapacity, "queueCapacity"), maxBatchPoints,
                maxDelay.toNanos());
        this.writeTimer = Timer.builder(WRITE_DURATION).register(registry);
        for (final Outcome outcome : Outcome.values()) {
            points.put(outcome, Counter.builder(POINTS).tag(OUTCOME_TAG, outcome.tagValue()).register(registry));
        }
        Gauge.builder(QUEUE_DEPTH, queue, SubmissionQueue::depth).register(registry);
        this.thread = new Thread(this::run, "telemetry-writer");
        thread.setDaemon(true);
    }

    /**
     * Starts the writer thread. Submissions made before are queued and written once it runs.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (thread.getState() != Thread.State.NEW) {
            throw new IllegalStateException("telemetry writer already started");
        }
        thread.start();
    }

    /**
     * Queues readings for the next batch. Never blocks.
     *
     * @param readings readings to store, never null; copied
     * @return a future completed when the store has acknowledged the readings (on the writer thread), or failed
     *     with {@link TelemetryStoreException} if the write failed, with {@link WriterOverloadedException} if the
     *     queue is full or the writer closed, with {@link IllegalArgumentException} if a reading breaks
     *     {@link TelemetrySchema#validate} (nothing of this submission is then written)
     */
    public CompletableFuture<Void> submit(final List<Reading> readings) {
        final List<Reading> copy = List.copyOf(Objects.requireNonNull(readings, "readings must not be null."));
        if (copy.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            copy.forEach(TelemetrySchema::validate);
        } catch (final IllegalArgumentException e) {
            points.get(Outcome.INVALID).increment(copy.size());
            return CompletableFuture.failedFuture(e);
        }
        final CompletableFuture<Void> future = new CompletableFuture<>();
        final String refusal = queue.offer(new SubmissionQueue.Submission(copy, System.nanoTime(), future));
        if (refusal != null) {
            points.get(Outcome.REJECTED).increment(copy.size());
            return CompletableFuture.failedFuture(new WriterOverloadedException(refusal));
        }
        return future;
    }

    /** @return submissions waiting for the writer thread */
    public int queueDepth() {
        return queue.depth();
    }

    /**
     * Stops accepting submissions, writes every queued one and stops the writer thread; blocks until then
     * (bounded by the store's own timeouts). Idempotent. Does not close the store.
     */
    @Override
    public void close() {
        queue.close();
        if (Thread.currentThread() == thread) {
            // Called from a future's callback: the writer thread drains the queue once this returns.
            return;
        }
        synchronized (this) {
            if (thread.getState() == Thread.State.NEW) {
                // Never started: write what was queued on the caller's thread.
                run();
                return;
            }
        }
        try {
            thread.join();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            List<SubmissionQueue.Submission> batch = queue.nextBatch();
            while (batch != null) {
                flush(batch);
                batch = queue.nextBatch();
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Telemetry writer interrupted; {} submissions left unwritten", queueDepth());
        }
    }

    private void flush(final List<SubmissionQueue.Submission> batch) {
        final Exception failure = tryWrite(batch);
        if (failure == null) {
            return;
        }
        if (batch.size() > 1 && failure instanceof TelemetryStoreException e && !e.isRetryable()) {
            // The store refused the data itself: write each submission alone so only the offending one fails.
            for (final SubmissionQueue.Submission submission : batch) {
                final Exception own = tryWrite(List.of(submission));
                if (own != null) {
                    fail(List.of(submission), own);
                }
            }
        } else {
            fail(batch, failure);
        }
    }

    /** @return null after completing the batch's futures, or the failure (futures left pending) */
    private Exception tryWrite(final List<SubmissionQueue.Submission> batch) {
        final List<Reading> readings = new ArrayList<>(maxBatchPoints);
        batch.forEach(s -> readings.addAll(s.readings()));
        final long started = System.nanoTime();
        try {
            store.write(readings);
        } catch (final TelemetryStoreException | RuntimeException e) {
            writeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            return e;
        }
        writeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        points.get(Outcome.WRITTEN).increment(readings.size());
        if (failing) {
            failing = false;
            LOG.info("Telemetry store writes succeed again");
        }
        batch.forEach(s -> s.future().complete(null));
        return null;
    }

    private void fail(final List<SubmissionQueue.Submission> batch, final Exception failure) {
        final int count = batch.stream().mapToInt(s -> s.readings().size()).sum();
        points.get(Outcome.FAILED).increment(count);
        if (!failing) {
            failing = true;
            LOG.warn("Telemetry store write of {} readings failed (further failures logged at debug): {}", count,
                    failure.getMessage());
        } else {
            LOG.debug("Telemetry store write of {} readings failed: {}", count, failure.getMessage());
        }
        batch.forEach(s -> s.future().completeExceptionally(failure));
    }

    private static int requireAtLeastOne(final int value, final String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
        return value;
    }
}
