// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Locale;

/** The three device types of the protocol, with their topic segment and id prefix (docs/device-protocol.md). */
public enum DeviceType {
    STREETLIGHT("streetlight", "sl"),
    BIN("bin", "bin"),
    GATE("gate", "gate");

    private final String topicName;
    private final String idPrefix;

    DeviceType(final String topicName, final String idPrefix) {
        this.topicName = topicName;
        this.idPrefix = idPrefix;
    }

    /** The {@code deviceType} segment of the telemetry topic and the registry's {@code type} value. */
    public String topicName() {
        return topicName;
    }

    /** The prefix of device ids of this type: {@code sl}, {@code bin}, {@code gate}. */
    public String idPrefix() {
        return idPrefix;
    }

    /**
     * The id of the {@code number}-th device (1-based) of a fleet holding {@code count} devices of this type:
     * zero-padded to three digits, wider when the count needs it ({@code sl-001}, {@code sl-0420}).
     */
    public String deviceId(final int number, final int count) {
        final int digits = Math.max(3, Integer.toString(Math.max(count, 1)).length());
        return deviceId(number, count, digits);
    }

    /** As {@link #deviceId(int, int)} with an explicit number of digits. */
    public String deviceId(final int number, final int count, final int digits) {
        if (number < 1 || number > count) {
            throw new IllegalArgumentException("device number " + number + " is outside 1.." + count);
        }
        return idPrefix + "-" + String.format(Locale.ROOT, "%0" + digits + "d", number);
    }

    /** The topic {@code cp/{community}/{type}/{id}/telemetry} a device of this type publishes on. */
    public String telemetryTopic(final String community, final String deviceId) {
        return "cp/" + community + "/" + topicName + "/" + deviceId + "/telemetry";
    }

    /** The topic a device's status and Last Will go to: {@code cp/{community}/{type}/{id}/status}. */
    public String statusTopic(final String community, final String deviceId) {
        return "cp/" + community + "/" + topicName + "/" + deviceId + "/status";
    }

    /**
     * The type whose id prefix {@code deviceId} carries ({@code sl-}, {@code bin-}, {@code gate-}).
     *
     * @throws IllegalArgumentException if no type has that prefix
     */
    public static DeviceType fromDeviceId(final String deviceId) {
        for (final DeviceType type : values()) {
            if (deviceId != null && deviceId.startsWith(type.idPrefix + "-")) {
                return type;
            }
        }
        throw new IllegalArgumentException("device id '" + deviceId + "' starts with none of sl-, bin-, gate-; the"
                + " type (and so the topic) cannot be told");
    }
}
