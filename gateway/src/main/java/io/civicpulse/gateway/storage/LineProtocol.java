// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.util.List;
import java.util.Map;

/**
 * Formats readings as InfluxDB line protocol in the {@link TelemetrySchema} layout, for example
 * {@code bin,area=south,community=oak-park,device=bin-7,type=bin fill_pct=93.5,seq=42i 1764266400000}.
 *
 * <p>Tags in key order (InfluxDB's fastest path). Metric values take the type {@link TelemetryFields} declares: floats
 * always with a decimal point or exponent ({@code 12.0}, never {@code 12}), integers with the {@code i} suffix
 * ({@code 3i}); the sequence number is an integer ({@code 42i}); the timestamp is in milliseconds, so the write
 * must use millisecond precision. Measurement, tag keys, tag values and field keys are escaped although the schema
 * already restricts them. Stateless and thread-safe.
 */
final class LineProtocol {
    /** A rough line length, to size builders without copying. */
    private static final int LINE_SIZE_HINT = 128;

    private LineProtocol() {
    }

    /**
     * @param readings readings to format, each checked with {@link TelemetrySchema#validate}
     * @param tags     the area of each device
     * @return the lines joined by {@code \n}, without a trailing newline
     * @throws IllegalArgumentException if a reading breaks the schema
     */
    static String encode(final List<Reading> readings, final DeviceTags tags) {
        final StringBuilder sb = new StringBuilder(readings.size() * LINE_SIZE_HINT);
        for (final Reading reading : readings) {
            TelemetrySchema.validate(reading);
            if (sb.length() > 0) {
                sb.append('\n');
            }
            appendLine(sb, reading, tags.area(reading.getDeviceId()));
        }
        return sb.toString();
    }

    /**
     * Appends one line for the reading (not validated) without a newline.
     *
     * @param area the device's area; empty leaves the tag out (line protocol has no empty tag values)
     */
    static void appendLine(final StringBuilder sb, final Reading reading, final String area) {
        appendEscaped(sb, reading.getDeviceType(), false);
        if (!area.isEmpty()) {
            appendTag(sb, TelemetrySchema.TAG_AREA, area);
        }
        appendTag(sb, TelemetrySchema.TAG_COMMUNITY, reading.getCommunity());
        appendTag(sb, TelemetrySchema.TAG_DEVICE, reading.getDeviceId());
        appendTag(sb, TelemetrySchema.TAG_TYPE, reading.getDeviceType());
        char separator = ' ';
        for (final Map.Entry<String, Double> metric : reading.getMetrics().entrySet()) {
            sb.append(separator);
            appendEscaped(sb, metric.getKey(), true);
            final double value = metric.getValue();
            if (TelemetryFields.typeOf(metric.getKey()) == TelemetryFields.FieldType.INTEGER) {
                sb.append('=').append((long) value).append('i');
            } else {
                // StringBuilder.append(double) always prints a '.' or an exponent: a float to line protocol.
                sb.append('=').append(value);
            }
            separator = ',';
        }
        if (reading.getSequence() != Reading.NO_SEQUENCE) {
            sb.append(separator).append(TelemetrySchema.FIELD_SEQUENCE).append('=')
                    .append(reading.getSequence()).append('i');
        }
        sb.append(' ').append(reading.getTimestampMillis());
    }

    private static void appendTag(final StringBuilder sb, final String key, final String value) {
        sb.append(',').append(key).append('=');
        appendEscaped(sb, value, true);
    }

    /**
     * Appends a name with comma, space and backslash escaped, and the equals sign too when {@code escapeEquals}
     * (tag keys, tag values and field keys; not the measurement).
     */
    static void appendEscaped(final StringBuilder sb, final String text, final boolean escapeEquals) {
        for (int i = 0; i < text.length(); i++) {
            final char c = text.charAt(i);
            if (c == ',' || c == ' ' || c == '\\' || (escapeEquals && c == '=')) {
                sb.append('\\');
            }
            sb.append(c);
        }
    }
}
