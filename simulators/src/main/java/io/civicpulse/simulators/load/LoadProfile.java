// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import io.civicpulse.simulators.Durations;
import java.time.Duration;
import java.util.Locale;

/**
 * How the target rate moves during a load run: {@code steady} (the base rate throughout), {@code ramp:FROM-TO}
 * (linear from FROM to TO msg/s over the run; plain {@code ramp} goes from 0 to the base rate) or
 * {@code burst:PEAK/LENGTH/EVERY} (the base rate, with PEAK msg/s for LENGTH at the start of every EVERY).
 *
 * @param kind steady, ramp or burst
 * @param from ramp: starting rate, msg/s (negative: 0)
 * @param to ramp: final rate, msg/s (negative: the base rate)
 * @param peak burst: the rate during a burst, msg/s
 * @param length burst: how long each burst lasts
 * @param every burst: time from one burst's start to the next
 */
public record LoadProfile(Kind kind, double from, double to, double peak, Duration length, Duration every) {

    /** The profile shapes. */
    public enum Kind { STEADY, RAMP, BURST }

    /** The base rate throughout. */
    public static final LoadProfile STEADY = new LoadProfile(Kind.STEADY, 0, 0, 0, Duration.ZERO, Duration.ZERO);

    /**
     * Parses {@code steady}, {@code ramp}, {@code ramp:1000-20000} or {@code burst:20000/5s/30s}.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static LoadProfile parse(final String text) {
        final String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.equals("steady")) {
                return STEADY;
            }
            if (value.equals("ramp")) {
                return new LoadProfile(Kind.RAMP, 0, -1, 0, Duration.ZERO, Duration.ZERO);
            }
            if (value.startsWith("ramp:")) {
                final String[] range = value.substring(5).split("-", -1);
                return new LoadProfile(Kind.RAMP, rate(range[0]), rate(range[1]), 0, Duration.ZERO, Duration.ZERO);
            }
            if (value.startsWith("burst:")) {
                final String[] parts = value.substring(6).split("/", -1);
                final Duration length = Durations.parse(parts[1]);
                final Duration every = Durations.parse(parts[2]);
                if (length.isZero() || every.compareTo(length) <= 0) {
                    throw new IllegalArgumentException("the burst length must be above 0 and shorter than EVERY");
                }
                return new LoadProfile(Kind.BURST, 0, 0, rate(parts[0]), length, every);
            }
        } catch (final ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw invalid(text, "");
        } catch (final IllegalArgumentException e) {
            throw invalid(text, e.getMessage() + "; ");
        }
        throw invalid(text, "");
    }

    private static double rate(final String text) {
        final double rate = Double.parseDouble(text);
        if (rate <= 0 || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("rates must be positive numbers of msg/s");
        }
        return rate;
    }

    private static IllegalArgumentException invalid(final String text, final String why) {
        return new IllegalArgumentException("invalid load profile '" + text + "': " + why
                + "use steady, ramp, ramp:FROM-TO (msg/s) or burst:PEAK/LENGTH/EVERY (e.g. burst:20000/5s/30s)");
    }

    /**
     * The total target rate {@code elapsed} into a run of {@code duration} whose base rate is {@code base};
     * 0 means unlimited.
     */
    public double rateAt(final double base, final Duration elapsed, final Duration duration) {
        return switch (kind) {
            case STEADY -> base;
            case RAMP -> {
                final double start = Math.max(0, from);
                final double end = to < 0 ? base : to;
                final double share = Math.min(1.0, elapsed.toNanos() / (double) Math.max(1, duration.toNanos()));
                // Never 0 while ramping: 0 would mean unlimited.
                yield Math.max(1.0, start + (end - start) * share);
            }
            case BURST -> elapsed.toNanos() % every.toNanos() < length.toNanos() ? peak : base;
        };
    }

    /** Whether the profile needs a positive base rate (--rate) to mean anything. */
    public boolean needsBaseRate() {
        return kind == Kind.RAMP && to < 0;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STEADY -> "steady";
            case RAMP -> to < 0 ? "ramp" : String.format(Locale.ROOT, "ramp:%.0f-%.0f", from, to);
            case BURST -> String.format(Locale.ROOT, "burst:%.0f/%s/%s", peak, Durations.format(length),
                    Durations.format(every));
        };
    }
}
