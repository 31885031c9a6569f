// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The local hours during which streetlights are lit, e.g. {@code 18:00-06:00}.
 *
 * <p>The window may wrap around midnight. Equal start and end ({@code 00:00-00:00}) means always night,
 * which lets a demo or a test see lit lamps at any hour.
 *
 * @param start first night minute (inclusive)
 * @param end first day minute (exclusive)
 */
public record NightWindow(LocalTime start, LocalTime end) {

    /** The default window, 18:00 to 06:00. */
    public static final NightWindow DEFAULT = new NightWindow(LocalTime.of(18, 0), LocalTime.of(6, 0));

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

    public NightWindow {
        if (start == null || end == null) {
            throw new IllegalArgumentException("night window start and end must not be null.");
        }
    }

    /**
     * Parses {@code HH:MM-HH:MM}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static NightWindow parse(final String text) {
        final String[] parts = text == null ? new String[0] : text.trim().split("-", -1);
        if (parts.length != 2) {
            throw invalid(text, "expected HH:MM-HH:MM");
        }
        try {
            return new NightWindow(LocalTime.parse(parts[0], HH_MM), LocalTime.parse(parts[1], HH_MM));
        } catch (final DateTimeParseException e) {
            throw invalid(text, "times must be HH:MM between 00:00 and 23:59");
        }
    }

    private static IllegalArgumentException invalid(final String text, final String reason) {
        return new IllegalArgumentException("invalid night window '" + text + "': " + reason
                + " (e.g. 18:00-06:00; 00:00-00:00 means always night)");
    }

    /** Whether the window covers every hour of the day. */
    public boolean alwaysNight() {
        return start.equals(end);
    }

    /** Whether {@code time} falls inside the window. */
    public boolean isNight(final LocalTime time) {
        if (alwaysNight()) {
            return true;
        }
        if (start.isBefore(end)) {
            return !time.isBefore(start) && time.isBefore(end);
        }
        return !time.isBefore(start) || time.isBefore(end);
    }

    @Override
    public String toString() {
        return start.format(HH_MM) + "-" + end.format(HH_MM);
    }
}
