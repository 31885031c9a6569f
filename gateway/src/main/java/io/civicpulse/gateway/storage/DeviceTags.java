// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

/**
 * Tags of a device that a reading does not carry itself: its {@value TelemetrySchema#TAG_AREA}, taken from the
 * device registry when the reading is written (so a device moved to another area is tagged anew from then on).
 * Implementations are thread-safe and fast (called once per line written).
 */
@FunctionalInterface
public interface DeviceTags {
    /** No registry: every device has an empty area, and the tag is left out. */
    DeviceTags NONE = deviceId -> "";

    /**
     * @param deviceId a device id, never null
     * @return the device's area, or an empty string when it has none or is unknown (the tag is then left out)
     */
    String area(String deviceId);
}
