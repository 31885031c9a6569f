// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-written durations: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}. */
public final class DurationText {
    private static final Pattern FORMAT = Pattern.compile("\\s*(\\d{1,9})\\s*(ms|s|m|h|d)\\s*");

    private DurationText() {
    }

    /**
     * @param text the written duration
     * @return the duration, or null when the text is not of the form {@code <number><ms|s|m|h|d>}
     */
    public static Duration parse(final String text) {
        final Matcher m = FORMAT.matcher(text);
        if (!m.matches()) {
            return null;
        }
        final long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** @return the shortest exact text for the duration, e.g. {@code 10m} */
    public static String format(final Duration d) {
        final long ms = d.toMillis();
        if (ms % 86_400_000L == 0 && ms > 0) {
            return ms / 86_400_000L + "d";
        }
        if (ms % 3_600_000L == 0 && ms > 0) {
            return ms / 3_600_000L + "h";
        }
        if (ms % 60_000L == 0 && ms > 0) {
            return ms / 60_000L + "m";
        }
        if (ms % 1000L == 0) {
            return ms / 1000L + "s";
        }
        return ms + "ms";
    }
}
