// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class DurationTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            500ms     | PT0.5S
            30s       | PT30S
            10m       | PT10M
            2h        | PT2H
            1d        | PT24H
            0ms       | PT0S
            ' 15 s '  | PT15S
            999999999ms | PT277H46M39.999S
            """)
    void parse_writtenDuration_isThatDuration(final String text, final String iso) {
        // given
        // when
        final Duration d = DurationText.parse(text);

        // then
        assertThat(d).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", "5", "-5s", "1.5s", "5 minutes", "10M", "PT5M", "1w", "s", "5sec", "1234567890s"})
    void parse_otherText_isNull(final String text) {
        // given
        // when
        final Duration d = DurationText.parse(text);

        // then
        assertThat(d).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            PT0S       | 0s
            PT0.1S     | 100ms
            PT1.5S     | 1500ms
            PT30S      | 30s
            PT90S      | 90s
            PT10M      | 10m
            PT2H       | 2h
            PT48H      | 2d
            PT25H      | 25h
            """)
    void format_duration_isTheShortestExactText(final String iso, final String text) {
        // given
        final Duration d = Duration.parse(iso);

        // when
        final String written = DurationText.format(d);

        // then
        assertThat(written).isEqualTo(text);
        assertThat(DurationText.parse(written)).isEqualTo(d);
    }
}
