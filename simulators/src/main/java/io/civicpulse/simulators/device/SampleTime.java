// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The moment a model is sampled at, with the local facts its behaviour depends on.
 *
 * <p>Models take time as an argument instead of reading a clock, so tests can step through a
 * simulated day without waiting.
 *
 * @param epochMillis the reading's event time, epoch milliseconds
 * @param minuteOfDay local minute of the day, 0..1439 (drives the gates' daily pattern)
 * @param night whether streetlights should be lit
 */
public record SampleTime(long epochMillis, int minuteOfDay, boolean night) {

    public SampleTime {
        if (minuteOfDay < 0 || minuteOfDay >= 24 * 60) {
            throw new IllegalArgumentException("minuteOfDay must be within 0..1439, was " + minuteOfDay);
        }
    }

    /** The sample time of {@code instant} in {@code zone}, night according to {@code window}. */
    public static SampleTime of(final Instant instant, final ZoneId zone, final NightWindow window) {
        final LocalTime local = instant.atZone(zone).toLocalTime();
        return new SampleTime(instant.toEpochMilli(), local.getHour() * 60 + local.getMinute(), window.isNight(local));
    }

    /** The sample time of {@code instant} in {@code zone}, night as the caller decided (e.g. by the sun). */
    public static SampleTime of(final Instant instant, final ZoneId zone, final boolean night) {
        final LocalTime local = instant.atZone(zone).toLocalTime();
        return new SampleTime(instant.toEpochMilli(), local.getHour() * 60 + local.getMinute(), night);
    }

    /** The local hour, 0..23. */
    public int hour() {
        return minuteOfDay / 60;
    }
}
