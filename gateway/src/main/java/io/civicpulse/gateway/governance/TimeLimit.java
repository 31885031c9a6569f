// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time limit (时限) as written in the policy: an amount of natural time ({@code 15m}, {@code 2h}, {@code 3d}) or
 * of working time on the {@link WorkingCalendar} ({@code 2wh} working hours, {@code 2wd} working days).
 *
 * <p>Immutable. Serialises to its written form ({@code "2wd"}).
 *
 * @param amount how many units, at least 1
 * @param unit   the unit, never null
 */
public record TimeLimit(long amount, Unit unit) {
    /** What an example of every accepted form looks like; used in validation messages. */
    public static final String EXPECTED = "a duration like 30m, 2h, 3d, 2wh, 2wd";

    private static final Pattern FORM = Pattern.compile("(\\d{1,6})(m|h|d|wh|wd)");

    /** Units of a time limit and their written suffix. */
    public enum Unit {
        /** Natural minutes, {@code m}. */
        MINUTES("m"),
        /** Natural hours, {@code h}. */
        HOURS("h"),
        /** Natural days of 24 hours, {@code d}. */
        DAYS("d"),
        /** Working hours within duty hours on working days, {@code wh}. */
        WORKING_HOURS("wh"),
        /** Working days: one day is the length of the duty hours, counted on working days only, {@code wd}. */
        WORKING_DAYS("wd");

        private final String suffix;

        Unit(final String suffix) {
            this.suffix = suffix;
        }

        /** @return the suffix written in the policy file */
        public String suffix() {
            return suffix;
        }
    }

    /**
     * @throws NullPointerException     if {@code unit} is null
     * @throws IllegalArgumentException if {@code amount} is below 1
     */
    public TimeLimit {
        Objects.requireNonNull(unit, "unit must not be null.");
        if (amount < 1) {
            throw new IllegalArgumentException("amount must be at least 1, was " + amount + ".");
        }
    }

    /**
     * Parses the written form.
     *
     * @param text text such as {@code 2wd}; surrounding blanks are ignored
     * @return the limit, or null if {@code text} is null or not of an accepted form (see {@link #EXPECTED})
     */
    public static TimeLimit parse(final String text) {
        if (text == null) {
            return null;
        }
        final Matcher m = FORM.matcher(text.trim());
        if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
            return null;
        }
        for (final Unit unit : Unit.values()) {
            if (unit.suffix.equals(m.group(2))) {
                return new TimeLimit(Long.parseLong(m.group(1)), unit);
            }
        }
        return null;
    }

    /** @return true for {@code wh} and {@code wd}, which depend on the working calendar */
    public boolean isWorkingTime() {
        return unit == Unit.WORKING_HOURS || unit == Unit.WORKING_DAYS;
    }

    /**
     * The same limit read as natural time: {@code wh} as hours and {@code wd} as 24-hour days. This is how
     * CRITICAL timers run (GOVERNANCE.md §2.3: "CRITICAL timers always run on natural time").
     *
     * @return the natural duration
     */
    public Duration toNaturalDuration() {
        return switch (unit) {
            case MINUTES -> Duration.ofMinutes(amount);
            case HOURS, WORKING_HOURS -> Duration.ofHours(amount);
            case DAYS, WORKING_DAYS -> Duration.ofDays(amount);
        };
    }

    /** @return the written form, e.g. {@code 2wd} */
    @JsonValue
    @Override
    public String toString() {
        return amount + unit.suffix;
    }
}
