// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The rejected-payload ledger: the most recent refusals with device, topic and reason, for operators and for
 * MQTT 3.1.1 devices, which cannot be told why (3.1.1 has no negative acknowledgement).
 *
 * <p>Thread-safe. Bounded: the oldest entries fall out; the totals are in the metrics. Each refusal is also logged
 * on the logger {@code io.civicpulse.rejections} at INFO, at most one line a second.
 */
public final class RejectionLedger {
    private static final Logger LOG = LoggerFactory.getLogger("io.civicpulse.rejections");

    /** Log at most one refusal line per this many milliseconds; a flood of bad payloads must not flood the log. */
    private static final long LOG_INTERVAL_MILLIS = 1_000;

    private final int capacity;
    private final Deque<Rejection> recent;
    private long lastLogMillis;
    private long unlogged;

    /** @param capacity entries kept (≥ 1) */
    public RejectionLedger(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.recent = new ArrayDeque<>(capacity);
    }

    /**
     * Records a refusal.
     *
     * @param clientId the client that published
     * @param topic    the topic it published on
     * @param result   the refusal
     */
    public void record(final String clientId, final String topic, final IngestResult result) {
        final Rejection r = new Rejection(Instant.now(), clientId, topic, result.outcome().tag(), result.reason());
        final long suppressed;
        synchronized (recent) {
            if (recent.size() == capacity) {
                recent.removeFirst();
            }
            recent.addLast(r);
            final long now = r.at().toEpochMilli();
            if (now - lastLogMillis < LOG_INTERVAL_MILLIS) {
                unlogged++;
                return;
            }
            lastLogMillis = now;
            suppressed = unlogged;
            unlogged = 0;
        }
        LOG.info("Refused PUBLISH from {} on {}: {} ({}){}", clientId, topic, r.outcome(), r.reason(),
                suppressed == 0 ? "" : " [+" + suppressed + " more since the last line; see GET /api/rejections]");
    }

    /**
     * @param limit at most this many
     * @return the newest refusals first
     */
    public List<Rejection> recent(final int limit) {
        synchronized (recent) {
            final List<Rejection> out = new ArrayList<>(Math.min(limit, recent.size()));
            final var it = recent.descendingIterator();
            while (it.hasNext() && out.size() < limit) {
                out.add(it.next());
            }
            return out;
        }
    }

    /**
     * One refused message.
     *
     * @param at       when it was refused
     * @param clientId who sent it
     * @param topic    where
     * @param outcome  the outcome tag, e.g. {@code payload_invalid}
     * @param reason   why, in words
     */
    public record Rejection(Instant at, String clientId, String topic, String outcome, String reason) {
    }
}
