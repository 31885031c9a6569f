// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * What the rules know of a registered device beyond its readings.
 *
 * <p>Immutable; inserted once per device into the session of the device's lane.
 */
public final class DeviceProfile {
    private final String community;
    private final String deviceType;
    private final String deviceId;
    private final long expectedIntervalMillis;

    /**
     * @param community              community id, never null
     * @param deviceType             device type, never null
     * @param deviceId               device id, never null
     * @param expectedIntervalMillis how often the device reports, in milliseconds (&gt; 0); silence is
     *                               measured in multiples of it
     * @throws NullPointerException     if an id is null
     * @throws IllegalArgumentException if the interval is not positive
     */
    public DeviceProfile(final String community, final String deviceType, final String deviceId,
                         final long expectedIntervalMillis) {
        this.community = Objects.requireNonNull(community, "community must not be null.");
        this.deviceType = Objects.requireNonNull(deviceType, "deviceType must not be null.");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId must not be null.");
        if (expectedIntervalMillis <= 0) {
            throw new IllegalArgumentException("expectedIntervalMillis must be > 0, was " + expectedIntervalMillis);
        }
        this.expectedIntervalMillis = expectedIntervalMillis;
    }

    public String getCommunity() {
        return community;
    }

    public String getDeviceType() {
        return deviceType;
    }

    public String getDeviceId() {
        return deviceId;
    }

    /** @return the expected reporting interval in milliseconds */
    public long getExpectedIntervalMillis() {
        return expectedIntervalMillis;
    }
}
