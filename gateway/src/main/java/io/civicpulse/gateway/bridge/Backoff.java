// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with "equal jitter": attempt {@code n} waits between half and all of
 * {@code min(max, min * 2^n)}, so instances that lost the broker together do not all come back in the same
 * millisecond. Stateless and thread-safe; callers count their own attempts.
 */
final class Backoff {
    /** 2^30 times any sensible minimum already exceeds any sensible maximum; stops the shift from overflowing. */
    private static final int MAX_DOUBLINGS = 30;

    private final long minMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /**
     * @param min    the delay of attempt 0 (before jitter), at least 1 ms
     * @param max    the longest delay, at least {@code min}
     * @param random uniform numbers in {@code [0, 1)}
     * @throws IllegalArgumentException when {@code min < 1 ms} or {@code max < min}
     */
    Backoff(final Duration min, final Duration max, final DoubleSupplier random) {
        if (min.toMillis() < 1 || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("backoff needs 1 ms <= min <= max, was " + min + " and " + max);
        }
        this.minMillis = min.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /**
     * @param attempt how many attempts failed before this one (0 for the first retry)
     * @return the delay before the next attempt, in milliseconds, within {@code [ceiling / 2, ceiling]}
     */
    long delayMillis(final int attempt) {
        final int doublings = Math.max(0, Math.min(attempt, MAX_DOUBLINGS));
        final long ceiling = minMillis > maxMillis >> doublings ? maxMillis : minMillis << doublings;
        final long half = ceiling / 2;
        // random < 1, so the jitter is at most ceiling - half: the delay never exceeds the ceiling.
        return half + (long) (random.getAsDouble() * (ceiling - half + 1));
    }
}
