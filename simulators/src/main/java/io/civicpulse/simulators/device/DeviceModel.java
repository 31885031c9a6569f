// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Map;
import java.util.Set;

/**
 * The behaviour of one simulated device: what it measures as time passes and under which faults.
 *
 * <p>Not thread-safe: a device's model is sampled by one publishing task at a time. Deterministic for a
 * given seed and sequence of sample times.
 */
public interface DeviceModel {

    /** The type whose metrics this model produces. */
    DeviceType type();

    /**
     * Advances the model to {@code time} and returns the reading then, in the protocol's metric names
     * and units. Times earlier than the previous sample are treated as no time passing.
     *
     * @return metric name to value, in a stable order; never empty
     */
    Map<String, Number> sample(SampleTime time);

    /**
     * Makes the device develop {@code fault} from the next sample on; injecting it twice is harmless.
     *
     * @throws IllegalArgumentException if the fault belongs to another device type
     */
    void injectFault(FaultKind fault);

    /** The faults injected so far. */
    Set<FaultKind> activeFaults();
}
