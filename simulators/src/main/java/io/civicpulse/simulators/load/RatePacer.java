// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import java.util.function.LongSupplier;
import java.util.function.LongToDoubleFunction;

/**
 * Spreads one sender thread's publishes over time at a target rate that may change as the run goes on
 * (a {@link LoadProfile}); a rate of 0 never holds back. Credit accrues at the current rate and is capped at
 * 50 ms worth, so a pause does not turn into a burst. Not thread-safe: one pacer per sender thread.
 */
final class RatePacer {

    private static final double MAX_CREDIT_SECONDS = 0.05;

    private final LongToDoubleFunction rateAtNanos;
    private final LongSupplier nanoTime;
    private long startNanos = -1;
    private long lastNanos;
    private double credit = 1.0;
    private double currentRate;

    /** A pacer for a steady {@code ratePerSecond}; 0 or less means unlimited. */
    RatePacer(final double ratePerSecond) {
        this(elapsed -> ratePerSecond);
    }

    /** A pacer whose rate (msg/s, 0 unlimited) is {@code rateAtNanos} of the nanoseconds since the first call. */
    RatePacer(final LongToDoubleFunction rateAtNanos) {
        this(rateAtNanos, System::nanoTime);
    }

    /** As above, reading time from {@code nanoTime} (tests step it). */
    RatePacer(final LongToDoubleFunction rateAtNanos, final LongSupplier nanoTime) {
        this.rateAtNanos = rateAtNanos;
        this.nanoTime = nanoTime;
    }

    /** Whether the next publish is due. */
    boolean mayPublish() {
        return nanosUntilNext() <= 0;
    }

    /** Counts a publish. */
    void published() {
        credit -= 1.0;
    }

    /** Nanoseconds until the next publish is due; 0 or less if it is due now. */
    long nanosUntilNext() {
        final long now = nanoTime.getAsLong();
        if (startNanos < 0) {
            startNanos = now;
            lastNanos = now;
        }
        currentRate = rateAtNanos.applyAsDouble(now - startNanos);
        if (currentRate <= 0) {
            return 0;
        }
        credit = Math.min(Math.max(1.0, currentRate * MAX_CREDIT_SECONDS), credit + (now - lastNanos) / 1e9
                * currentRate);
        lastNanos = now;
        return credit >= 1.0 ? 0 : (long) ((1.0 - credit) / currentRate * 1e9);
    }
}
