// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.registry;

import io.civicpulse.simulators.device.DeviceType;

/**
 * One device of a simulated fleet as the registry describes it.
 *
 * @param id device id, also its MQTT client id and user name
 * @param type device type
 * @param community community id
 * @param lat latitude, degrees
 * @param lon longitude, degrees
 * @param area {@code north}, {@code south}, {@code east} or {@code west} of the community centre
 * @param segment road segment for streetlights ({@code seg-01}), {@code null} for other types
 */
public record DeviceIdentity(String id, DeviceType type, String community, double lat, double lon,
                             String area, String segment) {

    /** The topic this device publishes its readings on. */
    public String telemetryTopic() {
        return type.telemetryTopic(community, id);
    }
}
