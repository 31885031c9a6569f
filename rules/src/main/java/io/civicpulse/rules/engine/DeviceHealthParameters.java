// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.util.Map;
import java.util.Objects;

/**
 * The device-health limits of the rule pack (DV-03, DV-04, DV-05): one set for every device, and per-device
 * replacements for devices that need other limits (a logger that uploads a day's backlog, a gate on a weak link).
 * Immutable.
 *
 * @param defaults  the limits of every device without an override, never null
 * @param perDevice device id to its own limits; copied; never null (empty for none)
 */
public record DeviceHealthParameters(DeviceHealthLimits defaults, Map<String, DeviceHealthLimits> perDevice) {

    /** @throws NullPointerException if an argument is null */
    public DeviceHealthParameters {
        Objects.requireNonNull(defaults, "defaults must not be null.");
        perDevice = Map.copyOf(Objects.requireNonNull(perDevice, "perDevice must not be null."));
    }

    /** @return {@link DeviceHealthLimits#defaults()} for every device */
    public static DeviceHealthParameters defaultsForAll() {
        return new DeviceHealthParameters(DeviceHealthLimits.defaults(), Map.of());
    }

    /**
     * @param deviceId a device id
     * @return that device's limits: its override, else {@link #defaults()}
     */
    public DeviceHealthLimits forDevice(final String deviceId) {
        return perDevice.getOrDefault(deviceId, defaults);
    }
}
