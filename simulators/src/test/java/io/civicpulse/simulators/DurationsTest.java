// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @Test
    void parse_unitsAndBareNumbers_giveDurations() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(Durations.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(Durations.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(Durations.parse("15")).isEqualTo(Duration.ofSeconds(15));
        assertThat(Durations.parse(" 20S ")).isEqualTo(Duration.ofSeconds(20));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "s", "-5s", "1.5s", "10x", "ten"})
    void parse_garbage_namesTextAndForms(final String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration '" + text + "'")
                .hasMessageContaining("e.g. 500ms, 60s, 10m");
    }

    @Test
    void format_roundTripsThroughParse() {
        for (final String text : new String[] {"250ms", "45s", "5m", "3h", "0s", "90s"}) {
            assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
        }
    }
}
