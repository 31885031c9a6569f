// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class TimeLimitTest {

    @ParameterizedTest
    @ValueSource(strings = {"15m", "2h", "24h", "3d", "2wh", "2wd", " 1wd "})
    void parse_writtenForm_roundTrips(final String text) {
        // when
        final TimeLimit limit = TimeLimit.parse(text);
        // then
        assertThat(limit).isNotNull();
        assertThat(limit.toString()).isEqualTo(text.trim());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2x", "0h", "-1h", "h", "2 h", "1.5h", "2W", ""})
    void parse_malformed_returnsNull(final String text) {
        // when / then
        assertThat(TimeLimit.parse(text)).isNull();
    }

    @Test
    void toNaturalDuration_workingUnits_readAsNaturalTime() {
        // when / then
        assertThat(TimeLimit.parse("3wd").toNaturalDuration()).isEqualTo(Duration.ofDays(3));
        assertThat(TimeLimit.parse("2wh").toNaturalDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(TimeLimit.parse("15m").isWorkingTime()).isFalse();
        assertThat(TimeLimit.parse("2wd").isWorkingTime()).isTrue();
    }
}
