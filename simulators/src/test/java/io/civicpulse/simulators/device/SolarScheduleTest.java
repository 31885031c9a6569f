// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SolarScheduleTest {

    private static final double HANGZHOU_LAT = 30.2741;
    private static final double HANGZHOU_LON = 120.1551;
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void sunriseSunset_hangzhouSolstices_matchPublishedTimesWithinFiveMinutes() {
        // Published (timeanddate.com) for Hangzhou: 21 June 04:57 / 19:02, 21 December 06:47 / 17:04 CST.
        assertTimes(LocalDate.of(2026, 6, 21), LocalTime.of(4, 57), LocalTime.of(19, 2));
        assertTimes(LocalDate.of(2026, 12, 21), LocalTime.of(6, 47), LocalTime.of(17, 4));
    }

    private static void assertTimes(final LocalDate date, final LocalTime sunrise, final LocalTime sunset) {
        final Instant[] sun = SolarSchedule.sunriseSunset(date, HANGZHOU_LAT, HANGZHOU_LON).orElseThrow();
        assertThat(minutesApart(sun[0], date.atTime(sunrise).atZone(SHANGHAI).toInstant())).isLessThan(5);
        assertThat(minutesApart(sun[1], date.atTime(sunset).atZone(SHANGHAI).toInstant())).isLessThan(5);
    }

    private static long minutesApart(final Instant a, final Instant b) {
        return Math.abs(Duration.between(a, b).toMinutes());
    }

    @Test
    void isNight_hangzhou_darkAtMidnightLightAtNoonAndSwitchesAtSunset() {
        final LocalDate date = LocalDate.of(2026, 11, 27);
        final Instant[] sun = SolarSchedule.sunriseSunset(date, HANGZHOU_LAT, HANGZHOU_LON).orElseThrow();

        assertThat(SolarSchedule.isNight(date.atTime(0, 0).atZone(SHANGHAI).toInstant(), HANGZHOU_LAT,
                HANGZHOU_LON)).isTrue();
        assertThat(SolarSchedule.isNight(date.atTime(12, 0).atZone(SHANGHAI).toInstant(), HANGZHOU_LAT,
                HANGZHOU_LON)).isFalse();
        assertThat(SolarSchedule.isNight(sun[1].minusSeconds(60), HANGZHOU_LAT, HANGZHOU_LON)).isFalse();
        assertThat(SolarSchedule.isNight(sun[1].plusSeconds(60), HANGZHOU_LAT, HANGZHOU_LON)).isTrue();
        assertThat(SolarSchedule.isNight(sun[0].minusSeconds(60), HANGZHOU_LAT, HANGZHOU_LON)).isTrue();
    }

    @Test
    void isNight_beyondThePolarCircle_polarNightInDecemberMidnightSunInJune() {
        final double tromsoLat = 69.65;
        final double tromsoLon = 18.96;

        assertThat(SolarSchedule.sunriseSunset(LocalDate.of(2026, 12, 21), tromsoLat, tromsoLon)).isEmpty();
        assertThat(SolarSchedule.isNight(Instant.parse("2026-12-21T11:00:00Z"), tromsoLat, tromsoLon)).isTrue();
        assertThat(SolarSchedule.isNight(Instant.parse("2026-06-21T23:00:00Z"), tromsoLat, tromsoLon)).isFalse();
    }
}
