// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import java.util.Map;
import java.util.Objects;

/**
 * The metrics a payload gives for one instant, before the device is resolved.
 *
 * @param timestampMillis event time in epoch milliseconds (UTC)
 * @param sequence        the device's or network server's frame counter, or
 *                        {@link io.civicpulse.rules.model.Reading#NO_SEQUENCE}
 * @param metrics         our metric names to values; copied; never null or empty
 */
public record Sample(long timestampMillis, long sequence, Map<String, Double> metrics) {

    /** @throws IllegalArgumentException when {@code metrics} is empty */
    public Sample {
        metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics must not be null."));
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics must not be empty.");
        }
    }
}
