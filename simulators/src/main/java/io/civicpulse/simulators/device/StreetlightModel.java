// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A mains-powered LED streetlight: lit during the night window, dark by day.
 *
 * <p>A lit lamp draws about 0.42 A at 230 V (≈ 95 W with a power factor of 0.98); each lamp has its own
 * nominal current so a fleet does not report identical values. Fault {@link FaultKind#LAMP_OUT}: dark at night.
 */
public final class StreetlightModel extends BaseDeviceModel {

    static final double NOMINAL_CURRENT_A = 0.42;
    static final double NOMINAL_VOLTAGE_V = 230.0;
    private static final double POWER_FACTOR = 0.98;

    private final double lampCurrent;

    /** A streetlight whose behaviour is fixed by {@code random} (derive it from the fleet seed). */
    public StreetlightModel(final SplittableRandom random) {
        super(DeviceType.STREETLIGHT, random);
        this.lampCurrent = NOMINAL_CURRENT_A + (random.nextDouble() - 0.5) * 0.02;
    }

    @Override
    void measure(final SampleTime time, final double hours, final Map<String, Number> metrics) {
        final double voltage = Noise.around(random, NOMINAL_VOLTAGE_V, 1.2, 3.0);
        final boolean lit = time.night() && !hasFault(FaultKind.LAMP_OUT);
        final double current = lit ? Noise.around(random, lampCurrent, 0.006, 0.02) : 0.0;
        metrics.put("lamp_current_a", Noise.round(current, 3));
        metrics.put("voltage_v", Noise.round(voltage, 1));
        metrics.put("power_w", Noise.round(current * voltage * POWER_FACTOR, 1));
    }
}
