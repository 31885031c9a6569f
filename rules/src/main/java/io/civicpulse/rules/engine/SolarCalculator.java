// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Sunrise and sunset for a place and a date, with the NOAA solar calculator equations (Meeus, "Astronomical
 * Algorithms"; the NOAA Global Monitoring Laboratory spreadsheet): accurate to about a minute between ±72° latitude.
 * "Sunrise" and "sunset" mean the upper limb on the horizon with standard refraction (zenith 90.833°), as in almanacs.
 * Thread-safe (stateless).
 */
public final class SolarCalculator {
    /** Zenith of official sunrise/sunset: 90° + 50' (refraction 34' + solar radius 16'). */
    static final double OFFICIAL_ZENITH = 90.833;
    private static final double MINUTES_PER_DAY = 1440.0;

    private SolarCalculator() {
    }

    /** Sunrise and sunset of one day as instants. */
    public record SunTimes(Instant sunrise, Instant sunset) {
    }

    /**
     * @param latitude  WGS84 latitude in degrees, north positive
     * @param longitude WGS84 longitude in degrees, east positive
     * @param date      the UTC-nearby calendar date of the place (the local date)
     * @return sunrise and sunset, or empty during polar day or polar night (the sun neither rises nor sets)
     * @throws IllegalArgumentException if a coordinate is out of range or not a number
     */
    public static Optional<SunTimes> sunTimes(final double latitude, final double longitude, final LocalDate date) {
        if (!(latitude >= -90 && latitude <= 90) || !(longitude >= -180 && longitude <= 180)) {
            throw new IllegalArgumentException("latitude/longitude out of range: " + latitude + ", " + longitude);
        }
        // Julian day of the place's solar noon (approximately), so the sun's position is taken mid-day.
        final double julianDay = date.toEpochDay() + 2440587.5 + 0.5 - longitude / 360.0;
        final double t = (julianDay - 2451545.0) / 36525.0;
        final double meanLong = mod360(280.46646 + t * (36000.76983 + t * 0.0003032));
        final double meanAnomaly = 357.52911 + t * (35999.05029 - 0.0001537 * t);
        final double eccentricity = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
        final double m = Math.toRadians(meanAnomaly);
        final double centre = Math.sin(m) * (1.914602 - t * (0.004817 + 0.000014 * t))
                + Math.sin(2 * m) * (0.019993 - 0.000101 * t) + Math.sin(3 * m) * 0.000289;
        final double omega = Math.toRadians(125.04 - 1934.136 * t);
        final double apparentLong = Math.toRadians(meanLong + centre - 0.00569 - 0.00478 * Math.sin(omega));
        final double meanObliquity = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60;
        final double obliquity = Math.toRadians(meanObliquity + 0.00256 * Math.cos(omega));
        final double declination = Math.asin(Math.sin(obliquity) * Math.sin(apparentLong));
        final double y = Math.pow(Math.tan(obliquity / 2), 2);
        final double l0 = Math.toRadians(meanLong);
        final double equationOfTime = 4 * Math.toDegrees(y * Math.sin(2 * l0) - 2 * eccentricity * Math.sin(m)
                + 4 * eccentricity * y * Math.sin(m) * Math.cos(2 * l0) - 0.5 * y * y * Math.sin(4 * l0)
                - 1.25 * eccentricity * eccentricity * Math.sin(2 * m));
        final double lat = Math.toRadians(latitude);
        final double cosHourAngle = Math.cos(Math.toRadians(OFFICIAL_ZENITH)) / (Math.cos(lat) * Math.cos(declination))
                - Math.tan(lat) * Math.tan(declination);
        if (cosHourAngle < -1 || cosHourAngle > 1) {
            return Optional.empty();
        }
        final double hourAngle = Math.toDegrees(Math.acos(cosHourAngle));
        final double noonMinutes = 720 - 4 * longitude - equationOfTime;
        return Optional.of(new SunTimes(at(date, noonMinutes - 4 * hourAngle), at(date, noonMinutes + 4 * hourAngle)));
    }

    /**
     * @return true when the sun is above the horizon all day at that place and date (polar day); meaningful only
     *     when {@link #sunTimes} is empty
     */
    static boolean polarDay(final double latitude, final LocalDate date) {
        // Northern summer half-year: polar day in the north, polar night in the south, and the other way round.
        final int day = date.getDayOfYear();
        final boolean northernSummer = day > 80 && day < 266;
        return latitude >= 0 == northernSummer;
    }

    private static Instant at(final LocalDate date, final double minutesAfterUtcMidnight) {
        final long millis = Math.round(minutesAfterUtcMidnight * 60_000.0);
        return Instant.ofEpochMilli(date.toEpochDay() * (long) (MINUTES_PER_DAY * 60_000) + millis);
    }

    private static double mod360(final double degrees) {
        final double d = degrees % 360;
        return d < 0 ? d + 360 : d;
    }
}
