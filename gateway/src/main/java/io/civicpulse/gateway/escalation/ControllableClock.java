// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The gateway clock for labs and demos: runs {@code speed} times faster than real time ({@code clock.speed}, e.g.
 * 3600 = one hour per second) from the moment it is created, and can be moved forward by hand
 * ({@code POST /api/clock/advance}). Speed 1 without advances is the real clock. Never moves backwards.
 * Thread-safe.
 */
public final class ControllableClock extends Clock {
    private final Instant origin;
    private final long originNanos;
    private final double speed;
    private final LongSupplier nanos;
    private volatile Duration offset = Duration.ZERO;

    /**
     * @param start where the clock starts, never null
     * @param speed how many times faster than real time, at least 1
     * @param nanos a monotonic nanosecond source (System::nanoTime), never null
     */
    public ControllableClock(final Instant start, final double speed, final LongSupplier nanos) {
        if (!(speed >= 1)) {
            throw new IllegalArgumentException("speed must be at least 1, was " + speed + ".");
        }
        this.origin = Objects.requireNonNull(start, "start must not be null.");
        this.nanos = Objects.requireNonNull(nanos, "nanos must not be null.");
        this.originNanos = nanos.getAsLong();
        this.speed = speed;
    }

    /**
     * @param by how far to jump, not negative
     * @return the new time
     */
    public synchronized Instant advance(final Duration by) {
        if (Objects.requireNonNull(by, "by must not be null.").isNegative()) {
            throw new IllegalArgumentException("by must not be negative, was " + by + ".");
        }
        offset = offset.plus(by);
        return instant();
    }

    /** @return the speed factor */
    public double speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        final long elapsed = nanos.getAsLong() - originNanos;
        return origin.plusNanos((long) (elapsed * speed)).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        return this;
    }
}
