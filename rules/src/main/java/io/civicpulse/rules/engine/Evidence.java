// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * Formatting for the human-readable evidence ({@code Anomaly.detail}) that DRL consequences write, so every rule
 * words numbers and durations the same way. Thread-safe (stateless).
 */
public final class Evidence {
    private static final long SECOND = 1_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;

    private Evidence() {
    }

    /**
     * @param value a metric value or threshold
     * @return the value with one or two decimals and a dot, whatever the default locale ({@code 0.05},
     *     {@code 93.5}, {@code 90.0}); {@code NaN} as {@code "NaN"}
     */
    public static String number(final double value) {
        // DecimalFormat is not thread-safe; a new one per call is cheap next to how rarely evidence is written.
        return new DecimalFormat("0.0#", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(value);
    }

    /**
     * @param millis a duration in milliseconds
     * @return the duration in hours, minutes and seconds ({@code "1 h 30 min"}, {@code "10 min"}, {@code "45 s"}),
     *     or in milliseconds below one second ({@code "750 ms"})
     */
    public static String duration(final long millis) {
        if (millis < SECOND) {
            return millis + " ms";
        }
        final StringBuilder text = new StringBuilder();
        append(text, millis / HOUR, "h");
        append(text, millis % HOUR / MINUTE, "min");
        append(text, millis % MINUTE / SECOND, "s");
        return text.toString();
    }

    private static void append(final StringBuilder text, final long amount, final String unit) {
        if (amount == 0) {
            return;
        }
        if (text.length() > 0) {
            text.append(' ');
        }
        text.append(amount).append(' ').append(unit);
    }
}
