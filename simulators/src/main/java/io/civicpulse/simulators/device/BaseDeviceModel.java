// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What the device models share: their type, the faults injected so far, the time elapsed since the
 * previous sample and the ordered metrics map of a reading. Subclasses only say what they measure.
 */
abstract class BaseDeviceModel implements DeviceModel {

    /** The model's own randomness, derived from the fleet seed; draw from it in a fixed order. */
    final SplittableRandom random;
    private final DeviceType type;
    private final Set<FaultKind> faults = EnumSet.noneOf(FaultKind.class);
    private long lastMillis = -1;

    BaseDeviceModel(final DeviceType type, final SplittableRandom random) {
        this.type = type;
        this.random = random;
    }

    @Override
    public final DeviceType type() {
        return type;
    }

    @Override
    public final Map<String, Number> sample(final SampleTime time) {
        final double hours = Noise.elapsedHours(lastMillis, time.epochMillis());
        lastMillis = Math.max(lastMillis, time.epochMillis());
        final Map<String, Number> metrics = new LinkedHashMap<>();
        measure(time, hours, metrics);
        return metrics;
    }

    /**
     * Advances the model by {@code hours} (0 for the first sample or a clock going backwards) to
     * {@code time} and puts the reading's metrics into {@code metrics}, in payload order.
     */
    abstract void measure(SampleTime time, double hours, Map<String, Number> metrics);

    @Override
    public final void injectFault(final FaultKind fault) {
        DeviceModels.checkApplies(fault, type);
        faults.add(fault);
    }

    @Override
    public final Set<FaultKind> activeFaults() {
        return Collections.unmodifiableSet(faults);
    }

    /** Whether {@code fault} has been injected. */
    final boolean hasFault(final FaultKind fault) {
        return faults.contains(fault);
    }
}
