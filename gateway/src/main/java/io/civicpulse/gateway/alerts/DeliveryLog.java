// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Every webhook attempt, newest kept (bounded ring), for {@code GET /api/deliveries}. Thread-safe (synchronized).
 */
public final class DeliveryLog {
    private final int capacity;
    private final Deque<Attempt> attempts = new ArrayDeque<>();

    /** Outcome of one attempt. */
    public enum Outcome {
        /** The receiver answered 2xx. */
        DELIVERED,
        /** It failed; another attempt is scheduled. */
        RETRYING,
        /** It failed and no attempt is left. */
        FAILED
    }

    /**
     * @param at          when the attempt ended
     * @param alertId     the alert
     * @param bodyId      the receiving body
     * @param url         the webhook URL
     * @param attempt     1 for the first attempt
     * @param reminder    the alert's reminder number
     * @param outcome     the outcome
     * @param httpStatus  the receiver's status, or 0 when there was no answer
     * @param error       why it failed, or empty
     * @param nextAttempt when the next attempt is due, or null
     */
    public record Attempt(Instant at, String alertId, String bodyId, String url, int attempt, int reminder,
                          Outcome outcome, int httpStatus, String error, Instant nextAttempt) {
    }

    /** @param capacity attempts kept (&gt; 0) */
    public DeliveryLog(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records one attempt. */
    public synchronized void record(final Attempt attempt) {
        if (attempts.size() == capacity) {
            attempts.removeFirst();
        }
        attempts.addLast(attempt);
    }

    /**
     * @param bodyId  only this body, or null
     * @param outcome only this outcome, or null
     * @param limit   at most this many
     * @return matching attempts, newest first
     */
    public synchronized List<Attempt> query(final String bodyId, final Outcome outcome, final int limit) {
        final List<Attempt> out = new ArrayList<>();
        final Iterator<Attempt> it = attempts.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            final Attempt a = it.next();
            if ((bodyId == null || bodyId.equals(a.bodyId())) && (outcome == null || outcome == a.outcome())) {
                out.add(a);
            }
        }
        return out;
    }
}
