// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bin's physics over simulated days: fill curves, collections, temperature, tilt and battery. */
class BinPhysicsTest {

    private static final long TEN_MINUTES = 600_000L;

    private static SampleTime at(final int step) {
        final long millis = step * TEN_MINUTES;
        return new SampleTime(millis, (int) (millis / 60_000 % 1440), false);
    }

    @Test
    void sample_overThreeDays_fillNeverDropsExceptWhenCollected() {
        final BinModel bin = new BinModel(new SplittableRandom(21), 10.0, 5.0);
        double previous = bin.sample(at(0)).get("fill_pct").doubleValue();
        int collections = 0;
        for (int step = 1; step < 3 * 144; step++) {
            final double fill = bin.sample(at(step)).get("fill_pct").doubleValue();
            if (fill < previous) {
                collections++;
                assertThat(fill).as("an emptied bin at step %d", step).isLessThan(3.0);
            }
            previous = fill;
        }
        // Rounds at 06:00 and 19:00 empty it at least once a day.
        assertThat(collections).isGreaterThanOrEqualTo(3);
    }

    @Test
    void sample_collectionRound_emptiesABinAboveThirtyPercentAtSix() {
        final BinModel bin = new BinModel(new SplittableRandom(22), 50.0, 0.5);
        bin.sample(new SampleTime(0, 5 * 60 + 50, false));
        assertThat(bin.sample(new SampleTime(TEN_MINUTES, 6 * 60, false)).get("fill_pct").doubleValue())
                .isLessThan(3.0);
    }

    @Test
    void sample_fillsFasterInTheEveningThanAtNight() {
        final BinModel evening = new BinModel(new SplittableRandom(23), 0.0, 4.0);
        final BinModel night = new BinModel(new SplittableRandom(23), 0.0, 4.0);
        evening.sample(new SampleTime(0, 19 * 60 + 10, false));
        night.sample(new SampleTime(0, 2 * 60 + 10, false));
        final double eveningFill = evening.sample(new SampleTime(3_000_000, 19 * 60 + 10 + 50, false))
                .get("fill_pct").doubleValue();
        final double nightFill = night.sample(new SampleTime(3_000_000, 2 * 60 + 10 + 50, false))
                .get("fill_pct").doubleValue();
        assertThat(eveningFill).isGreaterThan(nightFill * 5);
    }

    @Test
    void areaFactor_marketStreetFillsFasterThanThePark() {
        assertThat(BinModel.areaFactor("north")).isGreaterThan(BinModel.areaFactor("west"));
        assertThat(BinModel.areaFactor("unknown")).isEqualTo(1.0);
    }

    @Test
    void sample_temperature_coolAtDawnWarmInTheAfternoon() {
        double dawn = 0;
        double afternoon = 0;
        for (int i = 0; i < 50; i++) {
            final BinModel bin = new BinModel(new SplittableRandom(100 + i), 20.0, 1.0);
            dawn += bin.sample(new SampleTime(0, 5 * 60, false)).get("temperature_c").doubleValue();
            afternoon += bin.sample(new SampleTime(TEN_MINUTES, 15 * 60, false)).get("temperature_c").doubleValue();
        }
        assertThat(afternoon / 50 - dawn / 50).isGreaterThan(5.0);
    }

    @Test
    void sample_tipped_tiltNearlyHorizontal() {
        final BinModel bin = new BinModel(new SplittableRandom(24));
        assertThat(bin.sample(at(0)).get("tilt_deg").doubleValue()).isLessThan(3.0);
        bin.injectFault(FaultKind.BIN_TIPPED);
        assertThat(bin.sample(at(1)).get("tilt_deg").doubleValue()).isGreaterThan(80.0);
    }

    @Test
    void sample_batteryDrain_losesTwentyPercentAnHour() {
        final BinModel bin = new BinModel(new SplittableRandom(25));
        final long before = bin.sample(at(0)).get("battery_pct").longValue();
        bin.injectFault(FaultKind.BATTERY_DRAIN);
        final long after = bin.sample(at(6)).get("battery_pct").longValue();
        assertThat(before - after).isBetween(18L, 22L);
    }
}
