// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BinModelTest {

    private static final long T0 = 1_764_266_400_000L;
    private static final long TEN_MINUTES = 600_000L;

    @Test
    void sample_overAnHour_fillRisesByItsRate() {
        final BinModel bin = new BinModel(new SplittableRandom(1), 10.0, 4.0);

        final double start = fill(bin.sample(at(0)));
        final double oneHourLater = fill(bin.sample(at(6)));

        assertThat(start).isEqualTo(10.0);
        assertThat(oneHourLater).isEqualTo(14.0);
    }

    @Test
    void sample_aboveThreshold_collectionEmptiesTheBin() {
        final BinModel bin = new BinModel(new SplittableRandom(2), 80.0, 8.0);
        double highest = 0;
        double afterPeak = 100;

        // Two simulated days in ten-minute steps: the bin must pass 85 % and be emptied afterwards.
        for (int step = 0; step < 288; step++) {
            final double fill = fill(bin.sample(at(step)));
            highest = Math.max(highest, fill);
            if (highest > BinModel.COLLECTION_THRESHOLD_PCT) {
                afterPeak = Math.min(afterPeak, fill);
            }
        }

        assertThat(highest).isGreaterThan(BinModel.COLLECTION_THRESHOLD_PCT);
        assertThat(afterPeak).isLessThan(5.0);
    }

    @Test
    void sample_belowThreshold_neverCollected() {
        final BinModel bin = new BinModel(new SplittableRandom(3), 0.0, 2.0);
        double previous = -1;

        for (int step = 0; step < 36; step++) {
            final double fill = fill(bin.sample(at(step)));
            assertThat(fill).isGreaterThanOrEqualTo(previous);
            previous = fill;
        }
        assertThat(previous).isLessThan(BinModel.COLLECTION_THRESHOLD_PCT);
    }

    @Test
    void sample_normally_temperatureNear18AndBatteryInRange() {
        final BinModel bin = new BinModel(new SplittableRandom(4));

        for (int step = 0; step < 50; step++) {
            final Map<String, Number> metrics = bin.sample(at(step));

            assertThat(metrics).containsOnlyKeys("fill_pct", "temperature_c", "battery_pct", "tilt_deg");
            assertThat(metrics.get("temperature_c").doubleValue()).isBetween(11.0, 25.0);
            assertThat(metrics.get("battery_pct").longValue()).isBetween(55L, 100L);
            assertThat(fill(metrics)).isBetween(0.0, 100.0);
        }
    }

    @Test
    void sample_binFire_temperatureAbove80AndRising() {
        final BinModel bin = new BinModel(new SplittableRandom(5));
        assertThat(bin.sample(at(0)).get("temperature_c").doubleValue()).isLessThan(25.0);

        bin.injectFault(FaultKind.BIN_FIRE);
        final double first = bin.sample(at(1)).get("temperature_c").doubleValue();
        final double later = bin.sample(at(7)).get("temperature_c").doubleValue();

        assertThat(first).isGreaterThan(80.0);
        assertThat(later).isGreaterThan(first);
    }

    @Test
    void sample_binFull_staysAt95WithoutCollection() {
        final BinModel bin = new BinModel(new SplittableRandom(6), 20.0, 3.0);
        bin.sample(at(0));

        bin.injectFault(FaultKind.BIN_FULL);

        for (int step = 1; step < 100; step++) {
            assertThat(fill(bin.sample(at(step)))).isEqualTo(BinModel.FULL_FAULT_PCT);
        }
    }

    @Test
    void sample_batteryLow_reads8Percent() {
        final BinModel bin = new BinModel(new SplittableRandom(7));

        bin.injectFault(FaultKind.BATTERY_LOW);

        assertThat(bin.sample(at(0)).get("battery_pct").longValue()).isEqualTo(8L);
    }

    @Test
    void sample_clockGoingBackwards_treatedAsNoTimePassing() {
        final BinModel bin = new BinModel(new SplittableRandom(8), 50.0, 6.0);
        bin.sample(at(6));

        final double fill = fill(bin.sample(at(0)));

        assertThat(fill).isEqualTo(50.0);
    }

    private static double fill(final Map<String, Number> metrics) {
        return metrics.get("fill_pct").doubleValue();
    }

    private static SampleTime at(final int step) {
        return new SampleTime(T0 + step * TEN_MINUTES, 12 * 60, false);
    }
}
