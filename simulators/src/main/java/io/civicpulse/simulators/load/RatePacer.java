// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

/**
 * Spreads one sender thread's publishes evenly over time at a target rate; a rate of 0 never holds back.
 * Not thread-safe: one pacer per sender thread.
 */
final class RatePacer {

    private final double nanosPerMessage;
    private long startNanos = -1;
    private long published;

    /** A pacer for {@code ratePerSecond} publishes per second; 0 or less means unlimited. */
    RatePacer(final double ratePerSecond) {
        this.nanosPerMessage = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
    }

    /** Whether the next publish is due. */
    boolean mayPublish() {
        return nanosUntilNext() <= 0;
    }

    /** Counts a publish. */
    void published() {
        published++;
    }

    /** Nanoseconds until the next publish is due; 0 or less if it is due now. */
    long nanosUntilNext() {
        if (nanosPerMessage == 0) {
            return 0;
        }
        final long now = System.nanoTime();
        if (startNanos < 0) {
            startNanos = now;
        }
        return (long) (startNanos + published * nanosPerMessage) - now;
    }
}
