// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and prints the short durations of the command line: {@code 500ms}, {@code 60s}, {@code 10m}, {@code 1h}. */
public final class Durations {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

    private Durations() {
    }

    /**
     * Parses {@code text}; a bare number means seconds.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    public static Duration parse(final String text) {
        final Matcher matcher = DURATION.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("invalid duration '" + text + "': use a whole number with a unit"
                    + " ms, s, m, h or d (e.g. 500ms, 60s, 10m); a bare number is seconds");
        }
        final long amount = Long.parseLong(matcher.group(1));
        final String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** The shortest exact form of {@code duration} that {@link #parse} reads back, e.g. {@code 90s} or {@code 5m}. */
    public static String format(final Duration duration) {
        final long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        final long seconds = millis / 1000;
        if (seconds != 0 && seconds % 3600 == 0) {
            return seconds / 3600 + "h";
        }
        if (seconds != 0 && seconds % 60 == 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
