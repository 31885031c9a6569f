// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Would-be verdicts of shadow rules ({@code *.shadow.drl}): listed, never turned into issues. Bounded ring, newest
 * kept. Thread-safe (synchronized).
 */
public final class ShadowLog {
    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();

    /**
     * @param generation rule pack generation that produced it
     * @param anomaly    the verdict
     * @param wouldOpen  true for a raise (it would open or merge into an issue)
     */
    public record Entry(long generation, Anomaly anomaly, boolean wouldOpen) {
    }

    /** @param capacity entries kept (&gt; 0) */
    public ShadowLog(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    /** Records one shadow verdict. */
    public synchronized void record(final long generation, final Anomaly anomaly) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(new Entry(generation, anomaly, anomaly.status() == AnomalyStatus.RAISED));
    }

    /** @return up to {@code limit} entries, newest first */
    public synchronized List<Entry> recent(final int limit) {
        final List<Entry> out = new ArrayList<>();
        final Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }
}
