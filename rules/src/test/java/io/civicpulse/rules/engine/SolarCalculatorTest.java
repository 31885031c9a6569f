// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against published almanac values (NOAA solar calculator / timeanddate.com), within two minutes. */
class SolarCalculatorTest {

    @ParameterizedTest(name = "{0} {3}")
    @CsvSource({
            // place, lat, lon, date, zone, sunrise, sunset (local)
            "London, 51.5074, -0.1278, 2024-06-21, Europe/London, 04:43, 21:21",
            "London, 51.5074, -0.1278, 2024-12-21, Europe/London, 08:04, 15:53",
            "New York, 40.7128, -74.0060, 2024-12-21, America/New_York, 07:16, 16:32",
            "Sydney, -33.8688, 151.2093, 2024-06-21, Australia/Sydney, 07:00, 16:54",
            "Beijing, 39.9042, 116.4074, 2024-06-21, Asia/Shanghai, 04:46, 19:46"})
    void sunTimes_knownPlaces_matchAlmanacWithinTwoMinutes(final String place, final double lat, final double lon,
                                                          final LocalDate date, final ZoneId zone,
                                                          final LocalTime sunrise, final LocalTime sunset) {
        // when
        final SolarCalculator.SunTimes times = SolarCalculator.sunTimes(lat, lon, date).orElseThrow();

        // then
        assertWithin(times.sunrise().atZone(zone), ZonedDateTime.of(date, sunrise, zone));
        assertWithin(times.sunset().atZone(zone), ZonedDateTime.of(date, sunset, zone));
    }

    @Test
    void sunTimes_polarNightAndDay_areEmpty() {
        assertThat(SolarCalculator.sunTimes(78.22, 15.65, LocalDate.of(2024, 12, 21))).isEmpty();
        assertThat(SolarCalculator.polarDay(78.22, LocalDate.of(2024, 12, 21))).isFalse();
        assertThat(SolarCalculator.sunTimes(78.22, 15.65, LocalDate.of(2024, 6, 21))).isEmpty();
        assertThat(SolarCalculator.polarDay(78.22, LocalDate.of(2024, 6, 21))).isTrue();
    }

    @Test
    void sunTimes_outOfRange_isRejected() {
        assertThatThrownBy(() -> SolarCalculator.sunTimes(91, 0, LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("91");
        assertThatThrownBy(() -> SolarCalculator.sunTimes(Double.NaN, 0, LocalDate.of(2024, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertWithin(final ZonedDateTime actual, final ZonedDateTime expected) {
        assertThat(Duration.between(expected, actual).abs()).as(actual + " vs " + expected)
                .isLessThanOrEqualTo(Duration.ofMinutes(2));
    }
}
