// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EvidenceTest {

    @ParameterizedTest
    @CsvSource({"0, 0.0", "0.05, 0.05", "93.5, 93.5", "90, 90.0", "0.4149, 0.41", "1234.5, 1234.5"})
    void number_value_usesOneOrTwoDecimalsWithDot(final double value, final String expected) {
        // given / when / then
        assertThat(Evidence.number(value)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"750, 750 ms", "45000, 45 s", "600000, 10 min", "5400000, 1 h 30 min", "3661000, 1 h 1 min 1 s"})
    void duration_millis_usesLargestUnits(final long millis, final String expected) {
        // given / when / then
        assertThat(Evidence.duration(millis)).isEqualTo(expected);
    }
}
