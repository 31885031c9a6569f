// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import io.civicpulse.simulators.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Durations in scenario files: the command line's short form ({@code 30s}, {@code 10m}) or ISO-8601 ({@code PT2H}). */
final class ScenarioDurations {

    private ScenarioDurations() {
    }

    /** @throws IllegalArgumentException naming the text and both accepted forms */
    static Duration parse(final String text) {
        final String value = text == null ? "" : text.trim();
        if (value.toUpperCase(java.util.Locale.ROOT).startsWith("P")) {
            try {
                final Duration duration = Duration.parse(value);
                if (duration.isNegative()) {
                    throw new IllegalArgumentException("duration '" + text + "' must not be negative");
                }
                return duration;
            } catch (final DateTimeParseException e) {
                throw new IllegalArgumentException("invalid duration '" + text + "': use 30s, 10m, 2h or PT2H");
            }
        }
        return Durations.parse(value);
    }
}
