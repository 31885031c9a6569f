// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The device-health limits: validation and the per-device choice. */
class DeviceHealthLimitsTest {

    @Test
    void constructor_clearLimitAboveRaiseLimit_failsNamingBoth() {
        // when / then
        assertThatThrownBy(() -> new DeviceHealthLimits(60_000L, 3, 90_000L, 3, 3, 1, 1, 3, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clockDriftClearMillis (90000) must be from 0 to clockDriftMillis (60000)");
    }

    @Test
    void constructor_zeroCount_failsNamingIt() {
        // when / then
        assertThatThrownBy(() -> new DeviceHealthLimits(60_000L, 3, 0L, 3, 0, 1, 1, 3, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rejections must be > 0, was 0");
    }

    @Test
    void health_deviceWithOverride_getsItsOwnLimitsOthersTheDefaults() {
        // given
        final DeviceHealthLimits own = new DeviceHealthLimits(600_000L, 5, 0L, 1, 9, 1, 1, 9, 1, 1);
        final RuleParameters parameters = RuleParameters.defaults().withDeviceHealth(
                new DeviceHealthParameters(DeviceHealthLimits.defaults(), Map.of("gate-003", own)));

        // when / then
        assertThat(parameters.health("gate-003")).isEqualTo(own);
        assertThat(parameters.health("gate-004")).isEqualTo(DeviceHealthLimits.defaults());
        assertThat(parameters.withSolar(null).deviceHealth()).isEqualTo(parameters.deviceHealth());
    }
}
