// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GateModelTest {

    private static final long T0 = 1_764_266_400_000L;
    private static final long TEN_SECONDS = 10_000L;

    @Test
    void sample_metricsAreCountsAndFlags() {
        final GateModel gate = new GateModel(new SplittableRandom(1));

        for (int step = 0; step < 100; step++) {
            final Map<String, Number> metrics = gate.sample(at(step, 8));

            assertThat(metrics).containsOnlyKeys("door_open", "passes", "failed_access", "forced_open", "battery_pct");
            assertThat(metrics.get("door_open").intValue()).isIn(0, 1);
            assertThat(metrics.get("passes").intValue()).isNotNegative();
            assertThat(metrics.get("failed_access").intValue()).isNotNegative();
            assertThat(metrics.get("battery_pct").longValue()).isBetween(89L, 100L);
        }
    }

    @Test
    void sample_morningPeak_busierThanSmallHours() {
        final GateModel morning = new GateModel(new SplittableRandom(2));
        final GateModel night = new GateModel(new SplittableRandom(2));
        int morningPasses = 0;
        int nightPasses = 0;

        // 360 readings of 10 s each: one simulated hour at 07:00 and one at 03:00.
        for (int step = 0; step < 360; step++) {
            morningPasses += morning.sample(at(step, 7)).get("passes").intValue();
            nightPasses += night.sample(at(step, 3)).get("passes").intValue();
        }

        assertThat(morningPasses).isGreaterThan(nightPasses * 5).isGreaterThan(20);
    }

    @Test
    void sample_doorOpensBrieflyOnlySometimes() {
        final GateModel gate = new GateModel(new SplittableRandom(3));
        int open = 0;

        for (int step = 0; step < 360; step++) {
            open += gate.sample(at(step, 8)).get("door_open").intValue();
        }

        assertThat(open).isBetween(1, 180);
    }

    @Test
    void sample_gateHeld_doorStaysOpen() {
        final GateModel gate = new GateModel(new SplittableRandom(4));

        gate.injectFault(FaultKind.GATE_HELD);

        for (int step = 0; step < 100; step++) {
            assertThat(gate.sample(at(step, 3)).get("door_open").intValue()).isEqualTo(1);
        }
    }

    private static SampleTime at(final int step, final int hour) {
        return new SampleTime(T0 + step * TEN_SECONDS, hour * 60 + step / 6 % 60, hour >= 18 || hour < 6);
    }
}
