// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DeviceTypeTest {

    @Test
    void deviceId_padsToThreeDigitsOrWider() {
        assertThat(DeviceType.STREETLIGHT.deviceId(1, 50)).isEqualTo("sl-001");
        assertThat(DeviceType.BIN.deviceId(17, 50)).isEqualTo("bin-017");
        assertThat(DeviceType.GATE.deviceId(3, 10)).isEqualTo("gate-003");
        assertThat(DeviceType.STREETLIGHT.deviceId(999, 999)).isEqualTo("sl-999");
        assertThat(DeviceType.STREETLIGHT.deviceId(42, 1000)).isEqualTo("sl-0042");
        assertThat(DeviceType.STREETLIGHT.deviceId(7, 10, 5)).isEqualTo("sl-00007");
    }

    @Test
    void deviceId_outsideFleet_refused() {
        assertThatThrownBy(() -> DeviceType.BIN.deviceId(0, 5)).hasMessage("device number 0 is outside 1..5");
        assertThatThrownBy(() -> DeviceType.BIN.deviceId(6, 5)).hasMessage("device number 6 is outside 1..5");
    }

    @Test
    void telemetryTopic_followsProtocol() {
        assertThat(DeviceType.BIN.telemetryTopic("lakeside", "bin-017")).isEqualTo("cp/lakeside/bin/bin-017/telemetry");
    }

    @Test
    void faultKind_fromLabel_knowsEveryKindAndListsThemOnError() {
        for (final FaultKind kind : FaultKind.values()) {
            assertThat(FaultKind.fromLabel(kind.label())).isEqualTo(kind);
        }
        assertThat(FaultKind.BATTERY_LOW.appliesTo(DeviceType.BIN)).isTrue();
        assertThat(FaultKind.BATTERY_LOW.appliesTo(DeviceType.GATE)).isFalse();
        assertThat(FaultKind.DROPOUT.deviceTypeNames()).isEqualTo("streetlight/bin/gate");
        assertThatThrownBy(() -> FaultKind.fromLabel("lamp-melt"))
                .hasMessageStartingWith("unknown fault 'lamp-melt'; known faults: lamp-out, lamp-flicker,");
    }
}
