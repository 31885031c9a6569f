// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The layout of telemetry in a line-protocol time-series store (QuestDB, InfluxDB), shared by every
 * {@link TelemetryStore}:
 * <ul>
 *   <li>measurement (table) = the device type ({@code streetlight}, {@code bin}, {@code gate});</li>
 *   <li>tags (QuestDB: SYMBOL columns) {@value #TAG_AREA} (from the registry, left out when empty),
 *       {@value #TAG_COMMUNITY}, {@value #TAG_DEVICE} and {@value #TAG_TYPE} (the device type again, so a query over
 *       several measurements can group by it);</li>
 *   <li>one field per metric with the fixed type declared in {@link TelemetryFields} (float unless declared an
 *       integer); a table holds the union of all metrics of its type;</li>
 *   <li>the integer field {@value #FIELD_SEQUENCE} when the device sent a sequence number;</li>
 *   <li>the designated timestamp {@value #COLUMN_TIMESTAMP}, the reading's event time, written with millisecond
 *       precision; readings outside {@link #MIN_TIMESTAMP_MILLIS} to {@link #MAX_TIMESTAMP_MILLIS} are refused, so
 *       seconds or nanoseconds taken for milliseconds never land in 1970 or in the far future.</li>
 * </ul>
 * Deduplication key (QuestDB {@code DEDUP UPSERT KEYS}): ({@value #COLUMN_TIMESTAMP}, {@value #TAG_DEVICE},
 * {@value #FIELD_SEQUENCE}).
 * Stateless and thread-safe.
 */
public final class TelemetrySchema {
    /** Tag holding the community id. */
    public static final String TAG_COMMUNITY = "community";
    /** Tag holding the device id. */
    public static final String TAG_DEVICE = "device";
    /** Tag holding the device type (also the measurement). */
    public static final String TAG_TYPE = "type";
    /** Tag holding the device's area from the registry; absent when the registry gives none. */
    public static final String TAG_AREA = "area";
    /** Earliest event time stored: 2000-01-01T00:00:00Z in epoch milliseconds (a time in seconds is far below). */
    public static final long MIN_TIMESTAMP_MILLIS = 946_684_800_000L;
    /** Latest event time stored (exclusive): 2100-01-01T00:00:00Z (a time in micro- or nanoseconds is far above). */
    public static final long MAX_TIMESTAMP_MILLIS = 4_102_444_800_000L;
    /** Integer field holding the device's sequence number; absent when it sent none. */
    public static final String FIELD_SEQUENCE = "seq";
    /** The designated timestamp column (QuestDB's name for the line-protocol timestamp). */
    public static final String COLUMN_TIMESTAMP = "timestamp";
    /** Column names that a metric may not take. */
    public static final Set<String> RESERVED_NAMES = Set.of(TAG_COMMUNITY, TAG_DEVICE, TAG_TYPE, TAG_AREA,
            FIELD_SEQUENCE, COLUMN_TIMESTAMP);
    /** What a device type and a metric name must look like: lower-case snake case, at most 64 characters. */
    public static final Pattern NAME_PATTERN = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private static final int MAX_NAME_LENGTH = 64;

    private TelemetrySchema() {
    }

    /**
     * Checks a device type before it is used as a table name (it is put into SQL text, so this also prevents
     * SQL injection).
     *
     * @param deviceType the device type
     * @return the device type
     * @throws IllegalArgumentException if it is null or does not match {@link #NAME_PATTERN}
     */
    public static String requireValidDeviceType(final String deviceType) {
        if (deviceType == null || !isValidName(deviceType)) {
            throw new IllegalArgumentException("device type '" + deviceType + "' is not lower-case snake case "
                    + NAME_PATTERN.pattern());
        }
        return deviceType;
    }

    /**
     * Checks that a reading can be stored: valid device type, non-empty community and device id without line
     * breaks, at least one metric, metric names matching {@link #NAME_PATTERN} and not {@link #RESERVED_NAMES},
     * finite values, whole numbers for {@link TelemetryFields} integer fields, an event time from 2000 to 2099 in
     * milliseconds, and a sequence number that is non-negative or {@link Reading#NO_SEQUENCE}.
     *
     * @param reading the reading, never null
     * @throws IllegalArgumentException naming the device and what is wrong
     */
    public static void validate(final Reading reading) {
        requireValidDeviceType(reading.getDeviceType());
        requireTagValue(TAG_COMMUNITY, reading.getCommunity(), reading);
        requireTagValue(TAG_DEVICE, reading.getDeviceId(), reading);
        if (reading.getMetrics().isEmpty()) {
            throw invalid(reading, "has no metrics");
        }
        final long ts = reading.getTimestampMillis();
        if (ts < MIN_TIMESTAMP_MILLIS || ts >= MAX_TIMESTAMP_MILLIS) {
            throw invalid(reading, "has a timestamp outside 2000-2099 in epoch milliseconds (seconds, microseconds "
                    + "or nanoseconds taken for milliseconds?)");
        }
        if (reading.getSequence() < 0 && reading.getSequence() != Reading.NO_SEQUENCE) {
            throw invalid(reading, "has a negative sequence number " + reading.getSequence());
        }
        for (final Map.Entry<String, Double> metric : reading.getMetrics().entrySet()) {
            final String name = metric.getKey();
            if (!isValidName(name) || RESERVED_NAMES.contains(name)) {
                throw invalid(reading, "has metric name '" + name + "', which is not " + NAME_PATTERN.pattern()
                        + " or is one of the reserved " + RESERVED_NAMES);
            }
            if (!Double.isFinite(metric.getValue())) {
                throw invalid(reading, "has the non-finite value " + metric.getValue() + " for " + name);
            }
            if (TelemetryFields.typeOf(name) == TelemetryFields.FieldType.INTEGER
                    && !TelemetryFields.isWholeNumber(metric.getValue())) {
                throw invalid(reading, "has " + metric.getValue() + " for the integer field " + name
                        + " (declared in TelemetryFields; a field never changes type)");
            }
        }
    }

    /**
     * @param name a device type or metric name
     * @return true when it matches {@link #NAME_PATTERN} (checked without a regex: this runs for every metric)
     */
    public static boolean isValidName(final String name) {
        final int length = name.length();
        if (length == 0 || length > MAX_NAME_LENGTH || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < length; i++) {
            final char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    private static void requireTagValue(final String tag, final String value, final Reading reading) {
        if (value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw invalid(reading, "has an empty " + tag + " or one with a line break");
        }
    }

    private static IllegalArgumentException invalid(final Reading reading, final String what) {
        return new IllegalArgumentException("reading of " + reading.getDeviceType() + " '" + reading.getDeviceId()
                + "' at " + reading.getTimestampMillis() + " " + what);
    }
}
