// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Counts raises per device and category in a sliding window (event time). More than {@code maxRaises} raises in the
 * window make the key flapping; it stays flapping until a full window passes without a raise. Not thread-safe:
 * {@link AnomalyGate} serialises calls.
 */
final class FlappingDetector {
    private final int maxRaises;
    private final long windowMillis;
    private final Map<String, Deque<Long>> raises = new HashMap<>();
    private final Map<String, Boolean> flapping = new HashMap<>();

    FlappingDetector(final int maxRaises, final long windowMillis) {
        this.maxRaises = maxRaises;
        this.windowMillis = windowMillis;
    }

    /** Outcome of one raise. */
    enum Verdict {
        /** Below the limit: pass it on. */
        NORMAL,
        /** This raise crossed the limit: pass it on once, marked flapping. */
        STARTED,
        /** Already flapping: record it, do not pass it on. */
        ONGOING
    }

    Verdict raised(final String key, final long atMillis) {
        final Deque<Long> times = raises.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(atMillis);
        while (!times.isEmpty() && times.peekFirst() <= atMillis - windowMillis) {
            times.removeFirst();
        }
        if (flapping.getOrDefault(key, false)) {
            return Verdict.ONGOING;
        }
        if (times.size() > maxRaises) {
            flapping.put(key, true);
            return Verdict.STARTED;
        }
        return Verdict.NORMAL;
    }

    boolean isFlapping(final String key) {
        return flapping.getOrDefault(key, false);
    }

    /** @return the keys flapping now, a copy */
    Set<String> flappingKeys() {
        return Set.copyOf(flapping.keySet());
    }

    /** @return the number of raises of the key in the window ending at its last raise */
    int count(final String key) {
        final Deque<Long> times = raises.get(key);
        return times == null ? 0 : times.size();
    }

    /**
     * @param key      a flapping key
     * @param nowMillis the current time
     * @return true when the key has been quiet for a whole window and is no longer flapping (now reset)
     */
    boolean settle(final String key, final long nowMillis) {
        final Deque<Long> times = raises.get(key);
        if (!isFlapping(key) || times != null && !times.isEmpty() && times.peekLast() > nowMillis - windowMillis) {
            return false;
        }
        flapping.remove(key);
        raises.remove(key);
        return true;
    }

    long windowMillis() {
        return windowMillis;
    }
}
