// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** A bounded in-memory ring of shadow verdicts (newest kept), for tests; lost on restart. Thread-safe. */
public final class InMemoryShadowLog implements ShadowLog {
    private final int capacity;
    private final Clock clock;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /**
     * @param capacity entries kept (&gt; 0)
     * @param clock    dates the entries
     */
    public InMemoryShadowLog(final int capacity, final Clock clock) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
    }

    @Override
    public synchronized void record(final long generation, final Anomaly anomaly) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(generation, anomaly, anomaly.status() == AnomalyStatus.RAISED, clock.instant()));
    }

    @Override
    public synchronized List<Entry> query(final Query query) {
        final List<Entry> out = new ArrayList<>();
        final Iterator<Entry> it = entries.descendingIterator();
        int skip = query.offset();
        while (it.hasNext() && out.size() < query.limit()) {
            final Entry e = it.next();
            if (query.matches(e) && skip-- <= 0) {
                out.add(e);
            }
        }
        return out;
    }
}
