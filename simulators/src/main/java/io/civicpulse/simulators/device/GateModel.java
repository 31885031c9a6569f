// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * A residential access gate with a card reader, a door contact and a backup battery.
 *
 * <p>Passes arrive as a Poisson process whose rate follows a daily pattern (morning and evening peaks,
 * quiet nights), scaled per gate. Each pass opens the door for a few seconds, so a reading shows
 * {@code door_open = 1} when a pass happened just before it. A few percent of attempts are refused.
 * Faults: {@link FaultKind#GATE_HELD} (the door stays open), {@link FaultKind#GATE_FORCED} (open without a
 * pass: {@code forced_open = 1}), {@link FaultKind#ACCESS_BURST} (10–30 refused attempts per reading),
 * {@link FaultKind#BATTERY_DRAIN}.
 */
public final class GateModel extends BaseDeviceModel {

    /** Passes per hour by local hour of day, for a gate of average traffic. */
    static final double[] PASSES_PER_HOUR = {
        3, 2, 1, 1, 2, 6, 25, 70, 65, 30, 22, 24, 30, 26, 22, 24, 35, 60, 70, 45, 30, 20, 12, 6,
    };
    private static final double OPEN_SECONDS_PER_PASS = 6.0;
    private static final double REFUSED_SHARE = 0.04;
    private static final double DRAIN_PCT_PER_HOUR = 0.1 / 24.0;
    private static final double FAST_DRAIN_PCT_PER_HOUR = 20.0;

    private final double trafficScale;
    private final Battery battery;

    /** A gate whose behaviour is fixed by {@code random} (derive it from the fleet seed). */
    public GateModel(final SplittableRandom random) {
        super(DeviceType.GATE, random);
        this.trafficScale = 0.5 + random.nextDouble();
        this.battery = new Battery(90.0 + random.nextDouble() * 10.0, DRAIN_PCT_PER_HOUR);
    }

    @Override
    void measure(final SampleTime time, final double hours, final Map<String, Number> metrics) {
        final double ratePerHour = PASSES_PER_HOUR[time.hour()] * trafficScale;
        final int passes = Noise.poisson(random, ratePerHour * hours);
        int failed = Noise.poisson(random, passes * REFUSED_SHARE + 0.2 * hours);
        if (hasFault(FaultKind.ACCESS_BURST)) {
            failed += 10 + random.nextInt(21);
        }
        final double charge = battery.drain(hours, hasFault(FaultKind.BATTERY_DRAIN), FAST_DRAIN_PCT_PER_HOUR);
        final boolean forced = hasFault(FaultKind.GATE_FORCED);
        metrics.put("door_open", forced || doorOpen(ratePerHour) ? 1 : 0);
        metrics.put("passes", passes);
        metrics.put("failed_access", failed);
        metrics.put("forced_open", forced ? 1 : 0);
        metrics.put("battery_pct", Math.round(charge));
    }

    private boolean doorOpen(final double ratePerHour) {
        if (hasFault(FaultKind.GATE_HELD)) {
            return true;
        }
        // Open now if at least one pass started within the last OPEN_SECONDS_PER_PASS seconds.
        final double chance = 1.0 - Math.exp(-ratePerHour / 3600.0 * OPEN_SECONDS_PER_PASS);
        return random.nextDouble() < chance;
    }
}
