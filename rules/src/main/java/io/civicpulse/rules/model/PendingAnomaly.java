// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * A duration rule's condition has started but has not yet lasted long enough to be raised ("dark since 18:04").
 *
 * <p>Immutable; at most one per device and category. It is deleted when the condition breaks, when its
 * {@code untilMillis} passes, or when it becomes an {@link ActiveAnomaly}.
 *
 * @param community   community of the device, never null
 * @param deviceType  device type, never null
 * @param deviceId    device id, never null
 * @param category    category code ({@code SL-01}…), never null
 * @param sinceMillis event time of the reading that started the condition, in epoch milliseconds
 * @param dueMillis   when the condition will have lasted long enough ({@code sinceMillis} + the rule's duration),
 *                    in epoch milliseconds; a plain field so Drools can range-index the join with {@link Now}
 * @param untilMillis latest instant the condition can count until (e.g. the end of a streetlight's on-window),
 *                    in epoch milliseconds; {@link Long#MAX_VALUE} when unbounded
 * @param value       the metric's value in the starting reading, kept as evidence
 */
public record PendingAnomaly(String community, String deviceType, String deviceId, String category,
                             long sinceMillis, long dueMillis, long untilMillis, double value) {

    /** @throws NullPointerException if an id or the category is null */
    public PendingAnomaly {
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(deviceType, "deviceType must not be null.");
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
    }

    /**
     * @param reading        the reading that meets the condition, never null
     * @param category       category code, never null
     * @param metric         the metric the condition is about; its value is kept as evidence
     * @param durationMillis how long the condition must last, in milliseconds
     * @param untilMillis    see {@link #untilMillis()}
     * @return a pending condition starting at the reading's event time
     */
    public static PendingAnomaly start(final Reading reading, final String category, final String metric,
                                       final long durationMillis, final long untilMillis) {
        final long since = reading.getTimestampMillis();
        return new PendingAnomaly(reading.getCommunity(), reading.getDeviceType(), reading.getDeviceId(), category,
                since, since + durationMillis, untilMillis, reading.value(metric));
    }

    /**
     * @return the active anomaly this pending condition turns into, raised at {@link #dueMillis()} (by the passage
     *     of time, not by one reading)
     */
    public ActiveAnomaly activate() {
        return new ActiveAnomaly(community, deviceType, deviceId, category, dueMillis, null);
    }
}
