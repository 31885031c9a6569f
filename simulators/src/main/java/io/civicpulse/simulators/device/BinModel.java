// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A waste bin with a battery-powered fill, temperature and tilt sensor.
 *
 * <p>Fill grows at the bin's own rate (2–8 % per hour on average, scaled by where it stands: bins by the
 * market in the {@code north} fill fastest, the quiet {@code west} slowest) following a daily pattern
 * (after meals and in the evening), with noise that never makes the level drop between collections. Crews
 * empty every bin above 30 % on their rounds at 06:00 and 19:00 local time, and a bin above 85 % on demand
 * after a random wait averaging 30 minutes. Temperature follows the day (coolest at dawn, warmest mid
 * afternoon); the battery drains slowly from its starting charge (60–100 %). Faults: {@link FaultKind#BIN_FULL},
 * {@link FaultKind#BIN_FIRE}, {@link FaultKind#BIN_TIPPED}, {@link FaultKind#BATTERY_LOW},
 * {@link FaultKind#BATTERY_DRAIN}.
 */
public final class BinModel extends BaseDeviceModel {

    static final double COLLECTION_THRESHOLD_PCT = 85.0;
    static final double ROUND_THRESHOLD_PCT = 30.0;
    static final int[] ROUND_HOURS = {6, 19};
    static final double FULL_FAULT_PCT = 95.0;
    static final double LOW_BATTERY_PCT = 8.0;
    static final double TIPPED_DEG = 85.0;
    private static final double MEAN_COLLECTION_WAIT_HOURS = 0.5;
    private static final double FIRE_START_C = 82.0;
    private static final double FIRE_RISE_C_PER_HOUR = 60.0;
    private static final double FIRE_MAX_C = 140.0;
    private static final double FAST_DRAIN_PCT_PER_HOUR = 20.0;
    /** Relative waste per local hour (mean 1): little at night, peaks after meals and in the evening. */
    private static final double[] WASTE_BY_HOUR = {
        0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 1.4, 1.6, 1.2, 1.0, 1.1, 1.6, 1.5, 1.0, 0.9, 1.0, 1.3, 1.8, 2.0, 1.8,
        1.4, 0.9, 0.6,
    };

    private final double fillRatePerHour;
    private final double baseTemperature;
    private final double baseTilt;
    private final Battery battery;
    private double fill;
    private double fireTemperature = FIRE_START_C;
    private int lastMinuteOfDay = -1;

    /** A bin whose behaviour is fixed by {@code random} (derive it from the fleet seed). */
    public BinModel(final SplittableRandom random) {
        this(random, random.nextDouble() * 70.0, 2.0 + random.nextDouble() * 6.0);
    }

    /** A bin in {@code area} of the community: the area scales how fast it fills. */
    public BinModel(final SplittableRandom random, final String area) {
        this(random, random.nextDouble() * 70.0, (2.0 + random.nextDouble() * 6.0) * areaFactor(area));
    }

    /** A bin starting at {@code fillPct} that fills by {@code ratePerHour} percent per hour on average. */
    public BinModel(final SplittableRandom random, final double fillPct, final double ratePerHour) {
        super(DeviceType.BIN, random);
        this.fill = fillPct;
        this.fillRatePerHour = ratePerHour;
        this.baseTemperature = 17.0 + random.nextDouble() * 2.0;
        // Drawn before the starting charge: the seed fixes the order of draws.
        final double drainPerHour = (0.2 + random.nextDouble() * 0.4) / 24.0;
        this.battery = new Battery(60.0 + random.nextDouble() * 40.0, drainPerHour);
        this.baseTilt = 0.5 + random.nextDouble() * 1.5;
    }

    /** How much faster than average bins in {@code area} fill (north: market street, west: park). */
    static double areaFactor(final String area) {
        return switch (area == null ? "" : area) {
            case "north" -> 1.5;
            case "south" -> 1.1;
            case "east" -> 0.9;
            case "west" -> 0.6;
            default -> 1.0;
        };
    }

    @Override
    void measure(final SampleTime time, final double hours, final Map<String, Number> metrics) {
        advanceFill(time, hours);
        final double charge = battery.drain(hours, hasFault(FaultKind.BATTERY_DRAIN), FAST_DRAIN_PCT_PER_HOUR);
        metrics.put("fill_pct", Noise.round(fill, 1));
        metrics.put("temperature_c", Noise.round(temperature(time, hours), 1));
        metrics.put("battery_pct", Math.round(hasFault(FaultKind.BATTERY_LOW) ? LOW_BATTERY_PCT : charge));
        metrics.put("tilt_deg", Noise.round(Noise.around(random, hasFault(FaultKind.BIN_TIPPED) ? TIPPED_DEG
                : baseTilt, 0.2, 0.5), 1));
    }

    private void advanceFill(final SampleTime time, final double hours) {
        final boolean roundPassed = roundPassed(time.minuteOfDay());
        if (hasFault(FaultKind.BIN_FULL)) {
            fill = FULL_FAULT_PCT;
            return;
        }
        // Multiplicative noise on the increment only: the level never drops unless the bin is emptied.
        final double increment = fillRatePerHour * WASTE_BY_HOUR[time.hour()] * hours
                * Math.max(0.0, Noise.around(random, 1.0, 0.25, 0.6));
        fill = Math.min(100.0, fill + increment);
        if (roundPassed && fill > ROUND_THRESHOLD_PCT) {
            empty();
            return;
        }
        // On-demand collections arrive as a Poisson process once the bin is due: P(in dt) = 1 - e^(-dt/mean).
        final double collectionChance = 1.0 - Math.exp(-hours / MEAN_COLLECTION_WAIT_HOURS);
        if (fill > COLLECTION_THRESHOLD_PCT && random.nextDouble() < collectionChance) {
            empty();
        }
    }

    private void empty() {
        fill = random.nextDouble() * 3.0;
    }

    // A round hour lies in (previous sample, this sample]; samples less than a day apart, as a fleet's are.
    private boolean roundPassed(final int minuteOfDay) {
        final int previous = lastMinuteOfDay;
        lastMinuteOfDay = minuteOfDay;
        if (previous < 0 || previous == minuteOfDay) {
            return false;
        }
        for (final int hour : ROUND_HOURS) {
            final int round = hour * 60;
            final boolean crossed = previous < minuteOfDay
                    ? previous < round && round <= minuteOfDay
                    : previous < round || round <= minuteOfDay;
            if (crossed) {
                return true;
            }
        }
        return false;
    }

    private double temperature(final SampleTime time, final double hours) {
        if (!hasFault(FaultKind.BIN_FIRE)) {
            // Coolest around 05:00, warmest around 15:00: a sine over the day, ±4 °C.
            final double daily = 4.0 * Math.sin((time.minuteOfDay() / 60.0 - 9.0) / 24.0 * 2 * Math.PI);
            return Noise.around(random, baseTemperature + daily, 0.7, 2.0);
        }
        fireTemperature = Math.min(FIRE_MAX_C, fireTemperature + FIRE_RISE_C_PER_HOUR * hours);
        return fireTemperature + random.nextDouble() * 3.0;
    }
}
