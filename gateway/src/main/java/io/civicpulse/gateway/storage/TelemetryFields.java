// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import java.util.Map;
import java.util.Set;

/**
 * The one place where a metric's field type is declared. A field keeps its type forever: InfluxDB refuses a point
 * whose field type differs from the one already in the shard, and QuestDB refuses a float for an integer column, so
 * a value that is sometimes {@code 1} and sometimes {@code 1.5} must never reach the store as both.
 *
 * <p>Counters and booleans are {@link FieldType#INTEGER} (line protocol {@code 3i}; booleans as {@code 0i}/{@code
 * 1i} because devices and vendor codecs send them as numbers and sums over them are meaningful); every other metric,
 * including metrics not listed here, is {@link FieldType#FLOAT} (always written with a decimal point or exponent).
 * Stateless and thread-safe.
 */
public final class TelemetryFields {
    /** Largest magnitude an integer field may take: beyond, a double no longer holds every whole number. */
    static final double MAX_INTEGER_MAGNITUDE = 9_007_199_254_740_992d;

    /** The integer metrics: counters per reporting interval and 0/1 flags. */
    static final Map<String, FieldType> DECLARED = Map.of(
            "passes", FieldType.INTEGER,          // gate: people through since the previous reading
            "failed_access", FieldType.INTEGER,   // gate: refused badges since the previous reading
            "door_open", FieldType.INTEGER,       // gate: 1 open, 0 closed
            "fire_alarm", FieldType.INTEGER,      // bin: vendor fire flag, 1 raised
            "battery_low", FieldType.INTEGER);    // bin: vendor battery flag, 1 raised

    /** How a field is written to the store. */
    public enum FieldType {
        /** Line protocol float ({@code 93.5}, {@code 1.0}); QuestDB DOUBLE, InfluxDB float. */
        FLOAT,
        /** Line protocol integer ({@code 3i}); QuestDB LONG, InfluxDB integer. */
        INTEGER
    }

    private TelemetryFields() {
    }

    /**
     * @param metric a metric name
     * @return its declared type; {@link FieldType#FLOAT} for any metric not declared an integer
     */
    public static FieldType typeOf(final String metric) {
        return DECLARED.getOrDefault(metric, FieldType.FLOAT);
    }

    /** @return the names of the integer metrics */
    public static Set<String> integerFields() {
        return DECLARED.keySet();
    }

    /**
     * @param value a finite value of an integer field
     * @return true when it is a whole number that a long and a double both hold exactly
     */
    static boolean isWholeNumber(final double value) {
        return value == Math.rint(value) && Math.abs(value) <= MAX_INTEGER_MAGNITUDE;
    }
}
