// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import io.civicpulse.simulators.DeterministicRandom;
import io.civicpulse.simulators.registry.DeviceIdentity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Chooses which devices get which fault, deterministically from the seed: the same seed, fleet and fault
 * options always pick the same devices, so a demo or a bug report can be replayed.
 */
public final class FaultPlanner {

    private FaultPlanner() {
    }

    /**
     * The assignments for {@code specs}, in option order and, within one option, in device id order.
     *
     * @throws IllegalArgumentException if a count asks for more devices than the fleet has of that type
     */
    public static List<FaultAssignment> plan(final long seed, final List<DeviceIdentity> devices,
                                             final List<FaultSpec> specs) {
        final List<FaultAssignment> assignments = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            final FaultSpec spec = specs.get(i);
            final List<DeviceIdentity> candidates = devices.stream()
                    .filter(device -> spec.kind().appliesTo(device.type()))
                    .toList();
            final int count = spec.deviceCount(candidates.size());
            if (count > candidates.size()) {
                throw new IllegalArgumentException("fault " + spec.kind().label() + ":" + count + " needs " + count
                        + " " + spec.kind().deviceTypeNames() + " device(s) but the fleet has "
                        + candidates.size());
            }
            final List<DeviceIdentity> chosen = shuffled(candidates, seed, "fault:" + i + ":" + spec.kind().label())
                    .subList(0, count);
            chosen.stream()
                    .sorted(Comparator.comparing(DeviceIdentity::id))
                    .forEach(device -> assignments.add(new FaultAssignment(device.id(), spec.kind(), spec.delay())));
        }
        return assignments;
    }

    private static List<DeviceIdentity> shuffled(final List<DeviceIdentity> devices, final long seed,
                                                 final String key) {
        final List<DeviceIdentity> copy = new ArrayList<>(devices);
        final SplittableRandom random = DeterministicRandom.forKey(seed, key);
        // Fisher–Yates with our own stream: Collections.shuffle(list, Random) would tie us to java.util.Random.
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, random.nextInt(i + 1));
        }
        return copy;
    }
}
