// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.util.List;
import java.util.Map;

/**
 * Formats readings as InfluxDB line protocol in the {@link TelemetrySchema} layout, for example
 * {@code bin,community=oak-park,device=bin-7 fill_pct=93.5,temperature_c=21.0,seq=42i 1764266400000}.
 *
 * <p>Metric values are always floats ({@code 12.0}, never {@code 12}, which QuestDB would also read as a float,
 * nor {@code 12i}); the sequence number is an integer ({@code 42i}); the timestamp is in milliseconds, so the write
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
     * @return the lines joined by {@code \n}, without a trailing newline
     * @throws IllegalArgumentException if a reading breaks the schema
     */
    static String encode(final List<Reading> readings) {
        final StringBuilder sb = new StringBuilder(readings.size() * LINE_SIZE_HINT);
        for (final Reading reading : readings) {
            TelemetrySchema.validate(reading);
            if (sb.length() > 0) {
                sb.append('\n');
            }
            appendLine(sb, reading);
        }
        return sb.toString();
    }

    /** Appends one line for the reading (not validated) without a newline. */
    static void appendLine(final StringBuilder sb, final Reading reading) {
        appendEscaped(sb, reading.getDeviceType(), false);
        sb.append(',').append(TelemetrySchema.TAG_COMMUNITY).append('=');
        appendEscaped(sb, reading.getCommunity(), true);
        sb.append(',').append(TelemetrySchema.TAG_DEVICE).append('=');
        appendEscaped(sb, reading.getDeviceId(), true);
        char separator = ' ';
        for (final Map.Entry<String, Double> metric : reading.getMetrics().entrySet()) {
            sb.append(separator);
            appendEscaped(sb, metric.getKey(), true);
            // StringBuilder.append(double) always prints a '.' or an exponent: a float to line protocol.
            sb.append('=').append(metric.getValue().doubleValue());
            separator = ',';
        }
        if (reading.getSequence() != Reading.NO_SEQUENCE) {
            sb.append(separator).append(TelemetrySchema.FIELD_SEQUENCE).append('=')
                    .append(reading.getSequence()).append('i');
        }
        sb.append(' ').append(reading.getTimestampMillis());
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
