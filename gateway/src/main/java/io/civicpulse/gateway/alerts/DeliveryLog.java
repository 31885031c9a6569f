// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import java.time.Instant;
import java.util.List;

/**
 * Every webhook attempt, for {@code GET /api/deliveries}. The gateway keeps them in the issue database
 * ({@link JdbcDeliveryLog}); tests may use an {@link InMemoryDeliveryLog}.
 *
 * <p>Implementations are thread-safe, and {@link #record} never blocks on I/O (HTTP client threads call it).
 */
public interface DeliveryLog {
    /** Outcome of one attempt. */
    enum Outcome {
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
    record Attempt(Instant at, String alertId, String bodyId, String url, int attempt, int reminder,
                   Outcome outcome, int httpStatus, String error, Instant nextAttempt) {
    }

    /**
     * A page of attempts, newest first; every filter may be null (no filter).
     *
     * @param since   ended at or after
     * @param until   ended before
     * @param bodyId  the receiving body
     * @param alertId the alert
     * @param outcome the outcome
     * @param offset  attempts skipped (&gt;= 0)
     * @param limit   attempts at most (&gt; 0)
     */
    record Query(Instant since, Instant until, String bodyId, String alertId, Outcome outcome, int offset,
                 int limit) {
        /** @return whether {@code a} passes the filters (paging aside) */
        public boolean matches(final Attempt a) {
            return (since == null || !a.at().isBefore(since)) && (until == null || a.at().isBefore(until))
                    && (bodyId == null || bodyId.equals(a.bodyId()))
                    && (alertId == null || alertId.equals(a.alertId()))
                    && (outcome == null || outcome == a.outcome());
        }
    }

    /** Records one attempt; never blocks. */
    void record(Attempt attempt);

    /** @return the matching attempts, newest first */
    List<Attempt> query(Query query);

    /**
     * @param bodyId  only this body, or null
     * @param outcome only this outcome, or null
     * @param limit   at most this many
     * @return matching attempts, newest first
     */
    default List<Attempt> query(final String bodyId, final Outcome outcome, final int limit) {
        return query(new Query(null, null, bodyId, null, outcome, 0, limit));
    }
}
