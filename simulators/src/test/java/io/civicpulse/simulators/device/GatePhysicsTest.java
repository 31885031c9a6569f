// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gate's physics: a daily traffic pattern and what forced opening and access bursts look like. */
class GatePhysicsTest {

    private static final long TEN_MINUTES = 600_000L;

    private static int passesInHour(final GateModel gate, final int hour, final int days) {
        int passes = 0;
        for (int day = 0; day < days; day++) {
            final long base = day * 86_400_000L + hour * 3_600_000L;
            gate.sample(new SampleTime(base, hour * 60, false));
            for (int step = 1; step <= 6; step++) {
                passes += gate.sample(new SampleTime(base + step * TEN_MINUTES, hour * 60 + Math.min(59, step * 10),
                        false)).get("passes").intValue();
            }
        }
        return passes;
    }

    @Test
    void sample_morningRushHasManyTimesTheTrafficOfThreeAm() {
        final GateModel gate = new GateModel(new SplittableRandom(31));
        final int rush = passesInHour(gate, 7, 20);
        final int night = passesInHour(gate, 3, 20);
        assertThat(rush).isGreaterThan(night * 10);
    }

    @Test
    void sample_forced_openWithoutAPassAndFlagged() {
        final GateModel gate = new GateModel(new SplittableRandom(32));
        assertThat(gate.sample(new SampleTime(0, 3 * 60, false)).get("forced_open")).isEqualTo(0);
        gate.injectFault(FaultKind.GATE_FORCED);
        final Map<String, Number> metrics = gate.sample(new SampleTime(60_000, 3 * 60 + 1, false));
        assertThat(metrics.get("forced_open")).isEqualTo(1);
        assertThat(metrics.get("door_open")).isEqualTo(1);
    }

    @Test
    void sample_accessBurst_tenToThirtyRefusalsPerReading() {
        final GateModel gate = new GateModel(new SplittableRandom(33));
        gate.injectFault(FaultKind.ACCESS_BURST);
        for (int i = 1; i <= 20; i++) {
            assertThat(gate.sample(new SampleTime(i * 10_000L, 3 * 60, false)).get("failed_access").intValue())
                    .isBetween(10, 40);
        }
    }
}
