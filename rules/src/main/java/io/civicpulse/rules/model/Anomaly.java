// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * A rule's verdict about one device: a category's condition was raised or cleared at an event time.
 *
 * @param community   community of the device, never null
 * @param deviceType  device type, never null
 * @param deviceId    device id, never null
 * @param category    governance category code ({@code SL-01}, {@code WB-01}, {@code DV-01}…), never null
 * @param status      raised or cleared, never null
 * @param atMillis    event time of the verdict in epoch milliseconds
 * @param ruleId      id of the rule that decided it (recorded as evidence), never null
 * @param detail      human-readable evidence, e.g. {@code "fill_pct 93.0 >= 90.0 for 10 min"}, never null
 */
public record Anomaly(String community, String deviceType, String deviceId, String category,
                      AnomalyStatus status, long atMillis, String ruleId, String detail) {
    /** @throws NullPointerException if a field other than {@code atMillis} is null */
    public Anomaly {
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(deviceType, "deviceType must not be null.");
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
        Objects.requireNonNull(status, "status must not be null.");
        Objects.requireNonNull(ruleId, "ruleId must not be null.");
        Objects.requireNonNull(detail, "detail must not be null.");
    }
}
