// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BatteryTest {

    @Test
    void drain_losesItsRatePerHour() {
        final Battery battery = new Battery(80.0, 2.0);

        assertThat(battery.drain(0.0)).isEqualTo(80.0);
        assertThat(battery.drain(1.5)).isEqualTo(77.0);
        assertThat(battery.drain(1.0)).isEqualTo(75.0);
    }

    @Test
    void drain_neverBelowEmpty() {
        final Battery battery = new Battery(1.0, 2.0);

        assertThat(battery.drain(10.0)).isZero();
        assertThat(battery.drain(1.0)).isZero();
    }
}
