// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streetlight's physics over simulated days: lit between dusk and dawn, and what each fault does. */
class StreetlightPhysicsTest {

    private static final double LAT = 30.2741;
    private static final double LON = 120.1551;
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Instant START = Instant.parse("2026-11-26T16:00:00Z"); // midnight in Hangzhou
    private static final long STEP_SECONDS = 300;

    private static SampleTime solar(final Instant at) {
        return SampleTime.of(at, ZONE, SolarSchedule.isNight(at, LAT, LON));
    }

    @Test
    void sample_overTwoDays_litExactlyBetweenDuskAndDawn() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(11));
        int litSamples = 0;
        for (long t = 0; t < 2 * 86_400; t += STEP_SECONDS) {
            final Instant at = START.plusSeconds(t);
            final double current = lamp.sample(solar(at)).get("lamp_current_a").doubleValue();
            final boolean night = SolarSchedule.isNight(at, LAT, LON);
            assertThat(current > 0.3).as("lit at %s (night %s)", at, night).isEqualTo(night);
            litSamples += current > 0.3 ? 1 : 0;
        }
        // Late November in Hangzhou: about 13.5 hours of darkness a day.
        assertThat(litSamples * STEP_SECONDS / 3600.0 / 2).isBetween(13.0, 14.2);
    }

    @Test
    void sample_litLamp_powerIsCurrentTimesVoltageTimesPowerFactor() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(12));
        final Map<String, Number> metrics = lamp.sample(new SampleTime(0, 0, true));
        final double expected = metrics.get("lamp_current_a").doubleValue() * metrics.get("voltage_v").doubleValue()
                * 0.98;
        assertThat(metrics.get("power_w").doubleValue()).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void sample_dayBurning_litAtNoon() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(13));
        lamp.injectFault(FaultKind.DAY_BURNING);
        final Instant noon = Instant.parse("2026-11-27T04:00:00Z");
        assertThat(lamp.sample(solar(noon)).get("lamp_current_a").doubleValue()).isGreaterThan(0.3);
    }

    @Test
    void sample_flicker_darkInSomeNightReadingsLitInOthers() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(14));
        lamp.injectFault(FaultKind.LAMP_FLICKER);
        int dark = 0;
        for (int i = 0; i < 100; i++) {
            dark += lamp.sample(new SampleTime(i * 60_000L, 0, true)).get("lamp_current_a").doubleValue() == 0 ? 1 : 0;
        }
        assertThat(dark).isBetween(25, 75);
    }

    @Test
    void sample_poleTilt_leansWithinMinutesAndStaysLeaning() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(15));
        assertThat(lamp.sample(new SampleTime(0, 0, true)).get("tilt_deg").doubleValue()).isLessThan(1.0);
        lamp.injectFault(FaultKind.POLE_TILT);
        double tilt = 0;
        for (int minute = 1; minute <= 10; minute++) {
            tilt = lamp.sample(new SampleTime(minute * 60_000L, minute, true)).get("tilt_deg").doubleValue();
        }
        assertThat(tilt).isGreaterThan(10.0);
    }

    @Test
    void sample_leakage_residualCurrentAboveTheRcdTripLevel() {
        final StreetlightModel lamp = new StreetlightModel(new SplittableRandom(16));
        assertThat(lamp.sample(new SampleTime(0, 0, true)).get("leakage_ma").doubleValue()).isLessThan(1.0);
        lamp.injectFault(FaultKind.LEAKAGE);
        assertThat(lamp.sample(new SampleTime(60_000, 1, true)).get("leakage_ma").doubleValue()).isGreaterThan(30.0);
    }
}
