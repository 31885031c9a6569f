// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link TelemetryWriter}'s bounded queue: any thread offers, the one writer thread takes batches.
 *
 * <p>Capacity and closing are one atomic word: the low bits count the readings of submissions holding a place
 * (offered and not yet taken), a high bit marks the queue closed. Counting readings, not submissions, bounds memory
 * without refusing the many small batches lanes make at moderate rates. A place is reserved before the submission
 * is enqueued, so the consumer knows it is done only when the queue is closed and no place is held, even if an
 * offer is still on its way.
 */
final class SubmissionQueue {
    private static final long CLOSED = 1L << 62;
    /** How often an idle consumer re-checks for closing, in milliseconds (close also wakes it at once). */
    private static final long IDLE_POLL_MILLIS = 200;
    private static final Submission WAKE_UP = new Submission(List.of(), 0L, new CompletableFuture<>());

    private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicLong state = new AtomicLong();
    private final int capacity;
    private final int maxBatchPoints;
    private final long maxDelayNanos;
    /** A submission taken that did not fit the previous batch; consumer thread only. */
    private Submission carry;

    SubmissionQueue(final int capacity, final int maxBatchPoints, final long maxDelayNanos) {
        this.capacity = capacity;
        this.maxBatchPoints = maxBatchPoints;
        this.maxDelayNanos = maxDelayNanos;
    }

    /**
     * Enqueues unless full or closed. Thread-safe, never blocks.
     *
     * @return null when enqueued, otherwise why not
     */
    String offer(final Submission submission) {
        while (true) {
            final long s = state.get();
            if ((s & CLOSED) != 0) {
                return "telemetry writer is closed";
            }
            final long weight = weight(submission);
            // An empty queue takes any one submission, however large, so nothing is refused forever.
            if (s > 0 && s + weight > capacity) {
                return "telemetry write queue is full (" + s + " readings waiting, capacity " + capacity + ")";
            }
            if (state.compareAndSet(s, s + weight)) {
                queue.add(submission);
                return null;
            }
        }
    }

    /** Refuses further offers and wakes the consumer; what is queued stays to be taken. Thread-safe. */
    void close() {
        state.getAndUpdate(s -> s | CLOSED);
        queue.add(WAKE_UP);
    }

    /** @return readings offered and not yet taken */
    int depth() {
        return (int) (state.get() & ~CLOSED);
    }

    /**
     * Takes the next batch: the first waiting submission, then more until {@code maxBatchPoints} readings or until
     * {@code maxDelay} after the first was submitted (no waiting once closed). Consumer thread only.
     *
     * @return the batch, or null when the queue is closed and empty
     * @throws InterruptedException if interrupted while waiting
     */
    List<Submission> nextBatch() throws InterruptedException {
        final Submission first = takeFirst();
        if (first == null) {
            return null;
        }
        final List<Submission> batch = new ArrayList<>();
        batch.add(first);
        int points = first.readings().size();
        final long deadline = first.submittedNanos() + maxDelayNanos;
        while (points < maxBatchPoints) {
            final Submission next = pollUntil(deadline);
            if (next == null) {
                break;
            }
            if (points + next.readings().size() > maxBatchPoints) {
                carry = next;
                break;
            }
            batch.add(next);
            points += next.readings().size();
        }
        return batch;
    }

    private Submission takeFirst() throws InterruptedException {
        if (carry != null) {
            final Submission first = carry;
            carry = null;
            return first;
        }
        while (state.get() != CLOSED) {
            final Submission s = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (s != null && s != WAKE_UP) {
                state.addAndGet(-weight(s));
                return s;
            }
        }
        return null;
    }

    private Submission pollUntil(final long deadline) throws InterruptedException {
        while (true) {
            Submission s = queue.poll();
            if (s == null) {
                final long wait = deadline - System.nanoTime();
                if (wait <= 0 || (state.get() & CLOSED) != 0) {
                    return null;
                }
                s = queue.poll(wait, TimeUnit.NANOSECONDS);
                if (s == null) {
                    return null;
                }
            }
            if (s != WAKE_UP) {
                state.addAndGet(-weight(s));
                return s;
            }
        }
    }

    /** Readings of one submission, when they were submitted ({@link System#nanoTime()}), and the caller's future. */
    record Submission(List<Reading> readings, long submittedNanos, CompletableFuture<WriteReceipt> future) {
    }

    private static long weight(final Submission submission) {
        return Math.max(1, submission.readings().size());
    }
}
