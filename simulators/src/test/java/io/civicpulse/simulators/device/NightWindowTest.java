// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NightWindowTest {

    @Test
    void isNight_wrapsAroundMidnight() {
        final NightWindow window = NightWindow.parse("18:00-06:00");

        assertThat(window.isNight(LocalTime.of(17, 59))).isFalse();
        assertThat(window.isNight(LocalTime.of(18, 0))).isTrue();
        assertThat(window.isNight(LocalTime.of(23, 59))).isTrue();
        assertThat(window.isNight(LocalTime.MIDNIGHT)).isTrue();
        assertThat(window.isNight(LocalTime.of(5, 59))).isTrue();
        assertThat(window.isNight(LocalTime.of(6, 0))).isFalse();
        assertThat(window.isNight(LocalTime.NOON)).isFalse();
    }

    @Test
    void isNight_windowWithinOneDay_coversOnlyItsHours() {
        final NightWindow window = NightWindow.parse("01:30-04:00");

        assertThat(window.isNight(LocalTime.of(1, 29))).isFalse();
        assertThat(window.isNight(LocalTime.of(1, 30))).isTrue();
        assertThat(window.isNight(LocalTime.of(3, 59))).isTrue();
        assertThat(window.isNight(LocalTime.of(4, 0))).isFalse();
        assertThat(window.isNight(LocalTime.of(22, 0))).isFalse();
    }

    @Test
    void isNight_equalStartAndEnd_isAlwaysNight() {
        final NightWindow window = NightWindow.parse("00:00-00:00");

        assertThat(window.alwaysNight()).isTrue();
        assertThat(window.isNight(LocalTime.NOON)).isTrue();
        assertThat(window.isNight(LocalTime.MIDNIGHT)).isTrue();
        assertThat(window.isNight(LocalTime.of(23, 59))).isTrue();
    }

    @Test
    void parse_default_matchesConstantAndPrintsBack() {
        assertThat(NightWindow.parse("18:00-06:00")).isEqualTo(NightWindow.DEFAULT);
        assertThat(NightWindow.DEFAULT).hasToString("18:00-06:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "18:00", "18-06", "25:00-06:00", "18:00-06:60", "6:00-18:00", "18:00-06:00-07:00"})
    void parse_malformed_namesTextAndExample(final String text) {
        assertThatThrownBy(() -> NightWindow.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid night window '" + text + "'")
                .hasMessageContaining("00:00-00:00 means always night");
    }
}
