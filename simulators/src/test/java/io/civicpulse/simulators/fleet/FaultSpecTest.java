// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicpulse.simulators.device.FaultKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FaultSpecTest {

    @Test
    void parse_percent_defaultDelayFiveSeconds() {
        final FaultSpec spec = FaultSpec.parse("lamp-out:5%");

        assertThat(spec.kind()).isEqualTo(FaultKind.LAMP_OUT);
        assertThat(spec.percent()).isTrue();
        assertThat(spec.amount()).isEqualTo(5.0);
        assertThat(spec.delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec).hasToString("lamp-out:5%@5s");
    }

    @Test
    void parse_countWithDelay() {
        final FaultSpec spec = FaultSpec.parse("bin-full:3@2m");

        assertThat(spec.kind()).isEqualTo(FaultKind.BIN_FULL);
        assertThat(spec.percent()).isFalse();
        assertThat(spec.deviceCount(50)).isEqualTo(3);
        assertThat(spec.delay()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void parse_fractionalPercentAndZeroDelay() {
        final FaultSpec spec = FaultSpec.parse("bin-fire:2.5%@0s");

        assertThat(spec.amount()).isEqualTo(2.5);
        assertThat(spec.delay()).isZero();
        assertThat(spec).hasToString("bin-fire:2.5%@0s");
    }

    @Test
    void deviceCount_percent_roundsUpSoAtLeastOneDevice() {
        assertThat(FaultSpec.parse("lamp-out:5%").deviceCount(50)).isEqualTo(3);
        assertThat(FaultSpec.parse("lamp-out:10%").deviceCount(50)).isEqualTo(5);
        assertThat(FaultSpec.parse("bin-fire:1%").deviceCount(10)).isEqualTo(1);
        assertThat(FaultSpec.parse("bin-fire:100%").deviceCount(7)).isEqualTo(7);
        assertThat(FaultSpec.parse("bin-fire:50%").deviceCount(0)).isZero();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "lamp-melt:5%     | unknown fault 'lamp-melt'; known faults: lamp-out, lamp-flicker",
        "lamp-out         | missing KIND:AMOUNT",
        ":5%              | missing KIND:AMOUNT",
        "lamp-out:        | amount '' is not a whole device count",
        "lamp-out:five    | amount 'five' is not a whole device count",
        "lamp-out:0       | fault count must be a whole number of at least 1, was 0.0",
        "lamp-out:0%      | fault percentage must be above 0 and at most 100, was 0.0",
        "lamp-out:150%    | fault percentage must be above 0 and at most 100, was 150.0",
        "lamp-out:-5%     | amount '-5%' is not a percentage",
        "lamp-out:5%@soon | invalid duration 'soon'",
        "lamp-out:5%@     | invalid duration ''",
    })
    void parse_invalid_namesTheTextTheProblemAndTheForms(final String text, final String problem) {
        assertThatThrownBy(() -> FaultSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid fault '" + text + "': ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("use KIND:PERCENT% or KIND:COUNT with an optional @DELAY,"
                        + " e.g. lamp-out:5%, bin-full:3, bin-fire:2%@20s");
    }
}
