// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StreetlightModelTest {

    private static final long T0 = 1_764_266_400_000L;

    @Test
    void sample_atNight_lampLitAtAbout95Watts() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(1));

        for (int i = 0; i < 100; i++) {
            final Map<String, Number> metrics = lamp.sample(night(i));

            assertThat(metrics).containsOnlyKeys("lamp_current_a", "voltage_v", "power_w", "tilt_deg", "leakage_ma");
            assertThat(metrics.get("lamp_current_a").doubleValue()).isCloseTo(0.42, within(0.04));
            assertThat(metrics.get("power_w").doubleValue()).isCloseTo(95.0, within(8.0));
            assertThat(metrics.get("voltage_v").doubleValue()).isBetween(227.0, 233.0);
        }
    }

    @Test
    void sample_byDay_lampDarkButMainsPresent() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(2));

        final Map<String, Number> metrics = lamp.sample(day(0));

        assertThat(metrics.get("lamp_current_a").doubleValue()).isZero();
        assertThat(metrics.get("power_w").doubleValue()).isZero();
        assertThat(metrics.get("voltage_v").doubleValue()).isBetween(227.0, 233.0);
    }

    @Test
    void sample_lampOutAtNight_dark() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(3));
        assertThat(lamp.sample(night(0)).get("lamp_current_a").doubleValue()).isPositive();

        lamp.injectFault(FaultKind.LAMP_OUT);

        assertThat(lamp.activeFaults()).containsExactly(FaultKind.LAMP_OUT);
        assertThat(lamp.sample(night(1)).get("lamp_current_a").doubleValue()).isZero();
        assertThat(lamp.sample(night(2)).get("power_w").doubleValue()).isZero();
    }

    @Test
    void injectFault_ofAnotherType_refusedWithReason() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(4));

        assertThatThrownBy(() -> lamp.injectFault(FaultKind.BIN_FIRE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("fault bin-fire applies to bin devices, not to a streetlight");
    }

    @Test
    void sample_sameSeed_sameReadings() {
        final StreetlightModel first = new StreetlightModel(new SplittableRandom(5));
        final StreetlightModel second = new StreetlightModel(new SplittableRandom(5));

        for (int i = 0; i < 10; i++) {
            assertThat(first.sample(night(i))).isEqualTo(second.sample(night(i)));
        }
    }

    private static SampleTime night(final int step) {
        return new SampleTime(T0 + step * 10_000L, 22 * 60, true);
    }

    private static SampleTime day(final int step) {
        return new SampleTime(T0 + step * 10_000L, 12 * 60, false);
    }
}
