// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Sunset and sunrise at a position on a date, from the sunrise equation as NOAA's solar calculator uses it
 * (mean anomaly, equation of the centre, ecliptic longitude, declination, hour angle); accurate to about a
 * minute between the polar circles, which is what a photocell-switched streetlight needs.
 *
 * <p>Lamps are lit from sunset to the next sunrise; the sun's centre is then 0.833° below the horizon
 * (refraction and the solar disc's radius). Stateless and thread-safe.
 */
public final class SolarSchedule {

    private static final double J2000 = 2_451_545.0;
    private static final double UNIX_EPOCH_JULIAN_DAY = 2_440_587.5;
    private static final double SUNSET_ALTITUDE_DEG = -0.833;
    private static final double OBLIQUITY_DEG = 23.4397;
    private static final double MILLIS_PER_DAY = 86_400_000.0;

    private SolarSchedule() {
    }

    /**
     * Sunrise and sunset of the local solar day {@code date} at {@code lat}, {@code lon} (degrees, north and
     * east positive).
     *
     * @return empty in polar night or polar day, when the sun does not cross the horizon that day
     */
    public static Optional<Instant[]> sunriseSunset(final LocalDate date, final double lat, final double lon) {
        final double n = Math.ceil(date.toEpochDay() + UNIX_EPOCH_JULIAN_DAY - J2000 + 0.0008);
        final double meanSolarDay = n - lon / 360.0;
        final double m = Math.toRadians((357.5291 + 0.98560028 * meanSolarDay) % 360.0);
        final double centre = 1.9148 * Math.sin(m) + 0.0200 * Math.sin(2 * m) + 0.0003 * Math.sin(3 * m);
        final double lambda = Math.toRadians((Math.toDegrees(m) + centre + 180.0 + 102.9372) % 360.0);
        final double transit = J2000 + meanSolarDay + 0.0053 * Math.sin(m) - 0.0069 * Math.sin(2 * lambda);
        final double sinDeclination = Math.sin(lambda) * Math.sin(Math.toRadians(OBLIQUITY_DEG));
        final double cosDeclination = Math.cos(Math.asin(sinDeclination));
        final double phi = Math.toRadians(lat);
        final double cosHourAngle = (Math.sin(Math.toRadians(SUNSET_ALTITUDE_DEG)) - Math.sin(phi) * sinDeclination)
                / (Math.cos(phi) * cosDeclination);
        if (cosHourAngle < -1.0 || cosHourAngle > 1.0) {
            return Optional.empty();
        }
        final double halfDay = Math.toDegrees(Math.acos(cosHourAngle)) / 360.0;
        return Optional.of(new Instant[] {instant(transit - halfDay), instant(transit + halfDay)});
    }

    /**
     * Whether the sun is below the horizon at {@code at} at {@code lat}, {@code lon}: before that solar day's
     * sunrise or after its sunset; in polar night always, in polar day never.
     */
    public static boolean isNight(final Instant at, final double lat, final double lon) {
        // The local solar date: UTC shifted by the longitude (15° per hour), so noon falls mid-day.
        final LocalDate solarDate = at.plusMillis((long) (lon / 360.0 * MILLIS_PER_DAY)).atOffset(ZoneOffset.UTC)
                .toLocalDate();
        final Optional<Instant[]> sun = sunriseSunset(solarDate, lat, lon);
        if (sun.isEmpty()) {
            return polarNight(solarDate, lat);
        }
        return at.isBefore(sun.get()[0]) || !at.isBefore(sun.get()[1]);
    }

    // Without a crossing the sun stays up (summer hemisphere) or down (winter hemisphere) all day.
    private static boolean polarNight(final LocalDate date, final double lat) {
        final int month = date.getMonthValue();
        final boolean northernSummer = month >= 4 && month <= 9;
        return lat > 0 ? !northernSummer : northernSummer;
    }

    private static Instant instant(final double julianDay) {
        return Instant.ofEpochMilli(Math.round((julianDay - UNIX_EPOCH_JULIAN_DAY) * MILLIS_PER_DAY));
    }
}
