// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import org.junit.jupiter.api.Test;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class RuleParametersTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private final RuleParameters defaults = RuleParameters.defaults();

    @Test
    void lampWindowEnd_eveningInOvernightWindow_endsNextMorning() {
        // given / when
        final long end = defaults.lampWindowEnd(at(27, 19, 0));

        // then
        assertThat(end).isEqualTo(at(28, 6, 0));
    }

    @Test
    void lampWindowEnd_earlyMorningInOvernightWindow_endsSameMorning() {
        // given / when
        final long end = defaults.lampWindowEnd(at(28, 5, 45));

        // then
        assertThat(end).isEqualTo(at(28, 6, 0));
    }

    @Test
    void lampWindowEnd_daytime_returnsTheInstantItself() {
        // given / when
        final long end = defaults.lampWindowEnd(at(28, 12, 0));

        // then
        assertThat(end).isEqualTo(at(28, 12, 0));
    }

    @Test
    void lampWindowEnd_alwaysOn_isUnbounded() {
        // given
        final RuleParameters alwaysOn = withWindow(LocalTime.of(18, 0), LocalTime.of(18, 0));

        // when / then
        assertThat(alwaysOn.lampWindowEnd(at(28, 12, 0))).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void lampWindowEnd_sameDayWindow_endsSameDay() {
        // given: a tunnel lit 08:00-17:00
        final RuleParameters daytime = withWindow(LocalTime.of(8, 0), LocalTime.of(17, 0));

        // when / then
        assertThat(daytime.lampWindowEnd(at(28, 9, 30))).isEqualTo(at(28, 17, 0));
    }

    @Test
    void silenceMillis_hugeInterval_saturatesInsteadOfOverflowing() {
        // given / when / then
        assertThat(defaults.silenceMillis(60_000L)).isEqualTo(180_000L);
        assertThat(defaults.silenceMillis(Long.MAX_VALUE / 2)).isEqualTo(Long.MAX_VALUE);
    }

    private RuleParameters withWindow(final LocalTime from, final LocalTime until) {
        final RuleParameters d = defaults;
        return new RuleParameters(d.zone(), from, until, d.lampDarkCurrentAmps(), d.lampDarkMillis(),
                d.binFullPercent(), d.binFullClearPercent(), d.binFullMillis(), d.binFireCelsius(),
                d.binFireRiseCelsius(), d.binFireClearCelsius(), d.gateHeldOpenMillis(), d.silentIntervals(),
                d.batteryLowPercent(), d.batteryClearPercent());
    }

    private static long at(final int day, final int hour, final int minute) {
        return ZonedDateTime.of(2026, 11, day, hour, minute, 0, 0, ZONE).toInstant().toEpochMilli();
    }
}
