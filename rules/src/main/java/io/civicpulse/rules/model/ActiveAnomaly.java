// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * An anomaly that has been raised and not yet cleared. Its presence is what stops a rule from raising the same
 * anomaly again while the condition persists.
 *
 * <p>Immutable; at most one per device and category.
 *
 * @param community   community of the device, never null
 * @param deviceType  device type, never null
 * @param deviceId    device id, never null
 * @param category    category code ({@code SL-01}…), never null
 * @param sinceMillis event time it was raised at, in epoch milliseconds
 * @param raisedBy    the reading whose values raised it, or null when the passage of time did (durations,
 *                    silence); clear rules skip this reading, so one reading that meets both a raise and a clear
 *                    condition (e.g. a steep rise that stays below the clear temperature) cannot make them loop
 */
public record ActiveAnomaly(String community, String deviceType, String deviceId, String category,
                            long sinceMillis, Reading raisedBy) {

    /** @throws NullPointerException if an id or the category is null */
    public ActiveAnomaly {
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(deviceType, "deviceType must not be null.");
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
    }

    /**
     * @param reading  the reading that meets the condition, never null
     * @param category category code, never null
     * @return an anomaly raised at the reading's event time
     */
    public static ActiveAnomaly of(final Reading reading, final String category) {
        return new ActiveAnomaly(reading.getCommunity(), reading.getDeviceType(), reading.getDeviceId(), category,
                reading.getTimestampMillis(), reading);
    }

    /**
     * @param state    the device's state, never null
     * @param category category code, never null
     * @param atMillis event time it is raised at, in epoch milliseconds
     * @return an anomaly about the device raised at {@code atMillis} by the passage of time
     */
    public static ActiveAnomaly of(final DeviceState state, final String category, final long atMillis) {
        return new ActiveAnomaly(state.community(), state.deviceType(), state.deviceId(), category, atMillis, null);
    }

    /**
     * @param ruleId the raising rule's name, never null
     * @param detail human-readable evidence, never null
     * @return the {@link AnomalyStatus#RAISED} verdict at {@link #sinceMillis()}
     */
    public Anomaly raised(final String ruleId, final String detail) {
        return new Anomaly(community, deviceType, deviceId, category, AnomalyStatus.RAISED, sinceMillis, ruleId,
                detail);
    }

    /**
     * @param atMillis event time of the reading that ended the condition, in epoch milliseconds
     * @param ruleId   the clearing rule's name, never null
     * @param detail   human-readable evidence, never null
     * @return the {@link AnomalyStatus#CLEARED} verdict, dated no earlier than the raise (a late reading older
     *     than the raise clears it at the raise's time)
     */
    public Anomaly cleared(final long atMillis, final String ruleId, final String detail) {
        return new Anomaly(community, deviceType, deviceId, category, AnomalyStatus.CLEARED,
                Math.max(atMillis, sinceMillis), ruleId, detail);
    }
}
