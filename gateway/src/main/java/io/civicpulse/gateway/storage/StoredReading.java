// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One reading as read back from the time-series store: immutable, serialisable by Jackson as it is (with the
 * JSR-310 module for the {@link Instant}).
 *
 * @param timestamp event time of the reading (millisecond precision), never null
 * @param sequence  the device's sequence number, or {@code -1} when it sent none
 * @param metrics   metric name to value, in the store's column order; only the metrics this reading carried
 *                  (a table holds the union of all metrics of its device type, the others are null and left out);
 *                  unmodifiable, never null
 */
public record StoredReading(Instant timestamp, long sequence, Map<String, Double> metrics) {
    /** The value of {@link #sequence()} when the device sent no sequence number. */
    public static final long NO_SEQUENCE = -1L;

    /**
     * @throws NullPointerException if timestamp or metrics is null, or metrics holds a null key or value
     */
    public StoredReading {
        Objects.requireNonNull(timestamp, "timestamp must not be null.");
        Objects.requireNonNull(metrics, "metrics must not be null.");
        metrics.forEach((name, value) -> {
            Objects.requireNonNull(name, "metric name must not be null.");
            Objects.requireNonNull(value, "metric value must not be null.");
        });
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
