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
 *                    condition cannot make them loop
 * @param baseline    the metric's value before the change that raised it (WB-03 raised by a rise: the temperature
 *                    before the rise), which a clear rule can require the metric to return near; {@code NaN} when
 *                    it was raised by an absolute threshold or by time
 */
public record ActiveAnomaly(String community, String deviceType, String deviceId, String category,
                            long sinceMillis, Reading raisedBy, double baseline) {

    /** @throws NullPointerException if an id or the category is null */
    public ActiveAnomaly {
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(deviceType, "deviceType must not be null.");
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
    }

    /**
     * An anomaly without a baseline.
     *
     * @throws NullPointerException if an id or the category is null
     */
    public ActiveAnomaly(final String community, final String deviceType, final String deviceId,
                         final String category, final long sinceMillis, final Reading raisedBy) {
        this(community, deviceType, deviceId, category, sinceMillis, raisedBy, Double.NaN);
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
     * @param value the metric's value before the change that raised the anomaly
     * @return the same anomaly with that {@link #baseline()}
     */
    public ActiveAnomaly withBaseline(final double value) {
        return new ActiveAnomaly(community, deviceType, deviceId, category, sinceMillis, raisedBy, value);
    }

    /** @return true when a {@link #baseline()} was recorded */
    public boolean hasBaseline() {
        return !Double.isNaN(baseline);
    }

    /**
     * Tells whether a metric has returned near the baseline; computed in Java because drools-mvel can compile
     * comparisons with {@code NaN} to true.
     *
     * @param value  the metric's current value
     * @param margin how far above the baseline still counts as near
     * @return true when {@code value <= baseline + margin}, or when there is no baseline
     */
    public boolean nearBaseline(final double value, final double margin) {
        return !hasBaseline() || value <= baseline + margin;
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
