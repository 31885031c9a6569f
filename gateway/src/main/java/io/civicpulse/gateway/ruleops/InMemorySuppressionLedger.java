// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * A bounded in-memory ring of suppressed anomalies (the newest {@code capacity}), for replays and tests; lost on
 * restart. Thread-safe (synchronized).
 */
public final class InMemorySuppressionLedger implements SuppressionLedger {
    private final int capacity;
    private final MeterRegistry meters;
    private final Deque<Suppressed> entries = new ArrayDeque<>();

    /**
     * @param capacity records kept (&gt; 0)
     * @param meters   meter registry, or null for the global one
     */
    public InMemorySuppressionLedger(final int capacity, final MeterRegistry meters) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.meters = meters == null ? Metrics.globalRegistry : meters;
    }

    @Override
    public synchronized void record(final Suppressed s) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(s);
        SuppressionLedger.count(meters, s);
    }

    @Override
    public synchronized List<Suppressed> query(final Query query) {
        final List<Suppressed> out = new ArrayList<>();
        final Iterator<Suppressed> it = entries.descendingIterator();
        int skip = query.offset();
        while (it.hasNext() && out.size() < query.limit()) {
            final Suppressed s = it.next();
            if (query.matches(s) && skip-- <= 0) {
                out.add(s);
            }
        }
        return out;
    }
}
