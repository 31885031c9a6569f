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
 * @param devEui          LoRaWAN DevEUI in lower-case hex (16 digits), or empty when the device is not a LoRaWAN
 *                        device; unique in the registry
 */
public record Device(String id, String type, String community, String passwordHash, int intervalSeconds,
                     double lat, double lon, String area, String segment, String devEui) {

    /** A device without a DevEUI (not a LoRaWAN device); see the canonical constructor for the fields. */
    public Device(final String id, final String type, final String community, final String passwordHash,
                  final int intervalSeconds, final double lat, final double lon, final String area,
                  final String segment) {
        this(id, type, community, passwordHash, intervalSeconds, lat, lon, area, segment, "");
    }

    /** @return true when the registry gives this device a DevEUI */
    public boolean hasDevEui() {
        return !devEui.isEmpty();
    }

    /** @return {@code cp/{community}/{type}/{id}/telemetry}, the device's topic for native JSON telemetry */
    public String telemetryTopic() {
        return "cp/" + community + "/" + type + "/" + id + "/telemetry";
    }

    @Override
    public String toString() {
        return "Device[" + id + ", " + type + ", " + community + "]";
    }
}
