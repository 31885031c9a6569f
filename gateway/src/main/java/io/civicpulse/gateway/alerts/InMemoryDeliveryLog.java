// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/** A bounded in-memory ring of webhook attempts (newest kept), for tests; lost on restart. Thread-safe. */
public final class InMemoryDeliveryLog implements DeliveryLog {
    private final int capacity;
    private final Deque<Attempt> attempts = new ArrayDeque<>();

    /** @param capacity attempts kept (&gt; 0) */
    public InMemoryDeliveryLog(final int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public synchronized void record(final Attempt attempt) {
        if (attempts.size() == capacity) {
            attempts.removeFirst();
        }
        attempts.addLast(attempt);
    }

    @Override
    public synchronized List<Attempt> query(final Query query) {
        final List<Attempt> out = new ArrayList<>();
        final Iterator<Attempt> it = attempts.descendingIterator();
        int skip = query.offset();
        while (it.hasNext() && out.size() < query.limit()) {
            final Attempt a = it.next();
            if (query.matches(a) && skip-- <= 0) {
                out.add(a);
            }
        }
        return out;
    }
}
