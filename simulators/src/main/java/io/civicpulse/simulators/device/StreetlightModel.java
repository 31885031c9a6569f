// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A mains-powered LED streetlight, switched by its photocell or schedule: lit at night, dark by day. Whether
 * it is night comes with the {@link SampleTime} (a fixed window, or sunset to sunrise at the lamp's position
 * from {@link SolarSchedule}).
 *
 * <p>A lit lamp draws about 0.42 A at 230 V (≈ 95 W with a power factor of 0.98); each lamp has its own
 * nominal current so a fleet does not report identical values. The pole's tilt sensor reads under 1° and the
 * residual-current sensor under 1 mA. Faults: {@link FaultKind#LAMP_OUT} (dark at night),
 * {@link FaultKind#LAMP_FLICKER}, {@link FaultKind#DAY_BURNING}, {@link FaultKind#POLE_TILT},
 * {@link FaultKind#LEAKAGE}.
 */
public final class StreetlightModel extends BaseDeviceModel {

    static final double NOMINAL_CURRENT_A = 0.42;
    static final double NOMINAL_VOLTAGE_V = 230.0;
    static final double TILTED_DEG = 12.0;
    static final double LEAKING_MA = 35.0;
    private static final double POWER_FACTOR = 0.98;
    /** A leaning pole settles over minutes, not in one reading: degrees per hour. */
    private static final double TILT_RATE_DEG_PER_HOUR = 120.0;

    private final double lampCurrent;
    private final double baseTilt;
    private final double baseLeakage;
    private double tilt;

    /** A streetlight whose behaviour is fixed by {@code random} (derive it from the fleet seed). */
    public StreetlightModel(final SplittableRandom random) {
        super(DeviceType.STREETLIGHT, random);
        this.lampCurrent = NOMINAL_CURRENT_A + (random.nextDouble() - 0.5) * 0.02;
        this.baseTilt = 0.2 + random.nextDouble() * 0.6;
        this.baseLeakage = 0.1 + random.nextDouble() * 0.6;
        this.tilt = baseTilt;
    }

    @Override
    void measure(final SampleTime time, final double hours, final Map<String, Number> metrics) {
        final double voltage = Noise.around(random, NOMINAL_VOLTAGE_V, 1.2, 3.0);
        final double current = lit(time) ? Noise.around(random, lampCurrent, 0.006, 0.02) : 0.0;
        metrics.put("lamp_current_a", Noise.round(current, 3));
        metrics.put("voltage_v", Noise.round(voltage, 1));
        metrics.put("power_w", Noise.round(current * voltage * POWER_FACTOR, 1));
        metrics.put("tilt_deg", Noise.round(tilt(hours), 1));
        metrics.put("leakage_ma", Noise.round(leakage(), 1));
    }

    private boolean lit(final SampleTime time) {
        if (hasFault(FaultKind.LAMP_OUT)) {
            return false;
        }
        final boolean scheduled = time.night() || hasFault(FaultKind.DAY_BURNING);
        // A flickering lamp's driver cuts out; a reading catches it dark about half the time.
        return scheduled && !(hasFault(FaultKind.LAMP_FLICKER) && random.nextBoolean());
    }

    private double tilt(final double hours) {
        if (hasFault(FaultKind.POLE_TILT)) {
            tilt = Math.min(TILTED_DEG, tilt + Math.max(hours * TILT_RATE_DEG_PER_HOUR, 0.5));
        }
        return Noise.around(random, tilt, 0.05, 0.15);
    }

    private double leakage() {
        final double mean = hasFault(FaultKind.LEAKAGE) ? LEAKING_MA : baseLeakage;
        return Math.max(0.0, Noise.around(random, mean, mean * 0.05, mean * 0.1));
    }
}
