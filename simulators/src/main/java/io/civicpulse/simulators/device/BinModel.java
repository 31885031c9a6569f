// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A waste bin with a battery-powered fill sensor.
 *
 * <p>Fill grows at the bin's own rate (2–8 % per hour of real time); once above 85 % a collection crew
 * empties it after a random wait averaging 30 minutes. Temperature hovers around 18 °C and the battery
 * drains slowly from its starting charge (60–100 %). Faults: {@link FaultKind#BIN_FULL},
 * {@link FaultKind#BIN_FIRE}, {@link FaultKind#BATTERY_LOW}.
 */
public final class BinModel extends BaseDeviceModel {

    static final double COLLECTION_THRESHOLD_PCT = 85.0;
    static final double FULL_FAULT_PCT = 95.0;
    static final double LOW_BATTERY_PCT = 8.0;
    private static final double MEAN_COLLECTION_WAIT_HOURS = 0.5;
    private static final double FIRE_START_C = 82.0;
    private static final double FIRE_RISE_C_PER_HOUR = 60.0;
    private static final double FIRE_MAX_C = 140.0;

    private final double fillRatePerHour;
    private final double baseTemperature;
    private final Battery battery;
    private double fill;
    private double fireTemperature = FIRE_START_C;

    /** A bin whose behaviour is fixed by {@code random} (derive it from the fleet seed). */
    public BinModel(final SplittableRandom random) {
        this(random, random.nextDouble() * 70.0, 2.0 + random.nextDouble() * 6.0);
    }

    /** A bin starting at {@code fillPct} that fills by {@code ratePerHour} percent per hour. */
    public BinModel(final SplittableRandom random, final double fillPct, final double ratePerHour) {
        super(DeviceType.BIN, random);
        this.fill = fillPct;
        this.fillRatePerHour = ratePerHour;
        this.baseTemperature = 17.0 + random.nextDouble() * 2.0;
        // Drawn before the starting charge: the seed fixes the order of draws.
        final double drainPerHour = (0.2 + random.nextDouble() * 0.4) / 24.0;
        this.battery = new Battery(60.0 + random.nextDouble() * 40.0, drainPerHour);
    }

    @Override
    void measure(final SampleTime time, final double hours, final Map<String, Number> metrics) {
        advanceFill(hours);
        final double charge = battery.drain(hours);
        metrics.put("fill_pct", Noise.round(fill, 1));
        metrics.put("temperature_c", Noise.round(temperature(hours), 1));
        metrics.put("battery_pct", Math.round(hasFault(FaultKind.BATTERY_LOW) ? LOW_BATTERY_PCT : charge));
    }

    private void advanceFill(final double hours) {
        if (hasFault(FaultKind.BIN_FULL)) {
            fill = FULL_FAULT_PCT;
            return;
        }
        fill = Math.min(100.0, fill + fillRatePerHour * hours);
        // Collections arrive as a Poisson process once the bin is due: P(collected in dt) = 1 - e^(-dt/mean).
        final double collectionChance = 1.0 - Math.exp(-hours / MEAN_COLLECTION_WAIT_HOURS);
        if (fill > COLLECTION_THRESHOLD_PCT && random.nextDouble() < collectionChance) {
            fill = random.nextDouble() * 3.0;
        }
    }

    private double temperature(final double hours) {
        if (!hasFault(FaultKind.BIN_FIRE)) {
            return Noise.around(random, baseTemperature, 0.7, 2.0);
        }
        fireTemperature = Math.min(FIRE_MAX_C, fireTemperature + FIRE_RISE_C_PER_HOUR * hours);
        return fireTemperature + random.nextDouble() * 3.0;
    }
}
