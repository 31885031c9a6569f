// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.registry;

/**
 * A registered device.
 *
 * @param id              client id, user name and topic id of the device
 * @param type            {@code streetlight}, {@code bin} or {@code gate}
 * @param community       community id in its topics
 * @param passwordHash    salted bcrypt hash of the device secret; never logged
 * @param intervalSeconds how often the device reports
 * @param lat             WGS84 latitude, or NaN when unknown
 * @param lon             WGS84 longitude, or NaN when unknown
 * @param area            area name, may be empty
 * @param segment         road segment (streetlights), may be empty
 */
public record Device(String id, String type, String community, String passwordHash, int intervalSeconds,
                     double lat, double lon, String area, String segment) {

    /** @return {@code cp/{community}/{type}/{id}/telemetry}, the one topic this device may publish on */
    public String telemetryTopic() {
        return "cp/" + community + "/" + type + "/" + id + "/telemetry";
    }

    @Override
    public String toString() {
        return "Device[" + id + ", " + type + ", " + community + "]";
    }
}
