// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes the native JSON payload {@code {"ts":<epoch ms>,"seq":<n>,"metrics":{...}}} (docs/device-protocol.md).
 *
 * <p>Hand-written because the payload is flat and the simulators should not pull in a JSON library.
 */
public final class TelemetryPayload {

    /** Metric names the gateway accepts. */
    public static final Pattern METRIC_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** The protocol's limit on metrics per reading. */
    public static final int MAX_METRICS = 64;

    private TelemetryPayload() {
    }

    /**
     * The JSON text of one reading.
     *
     * @throws IllegalArgumentException if there are no or too many metrics, a name is not allowed,
     *         or a value is not a finite number
     */
    public static String json(final long epochMillis, final long seq, final Map<String, ? extends Number> metrics) {
        if (metrics.isEmpty() || metrics.size() > MAX_METRICS) {
            throw new IllegalArgumentException("a reading needs 1.." + MAX_METRICS + " metrics, got " + metrics.size());
        }
        final StringBuilder json = new StringBuilder(48 + metrics.size() * 24);
        json.append("{\"ts\":").append(epochMillis).append(",\"seq\":").append(seq).append(",\"metrics\":{");
        boolean first = true;
        for (final Map.Entry<String, ? extends Number> metric : metrics.entrySet()) {
            if (!first) {
                json.append(',');
            }
            first = false;
            json.append('"').append(checkName(metric.getKey())).append("\":").append(number(metric.getValue()));
        }
        return json.append("}}").toString();
    }

    /** As {@link #json} in UTF-8, ready to publish. */
    public static byte[] bytes(final long epochMillis, final long seq, final Map<String, ? extends Number> metrics) {
        return json(epochMillis, seq, metrics).getBytes(StandardCharsets.UTF_8);
    }

    private static String checkName(final String name) {
        if (name == null || !METRIC_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("metric name '" + name + "' does not match " + METRIC_NAME.pattern());
        }
        return name;
    }

    private static String number(final Number value) {
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return value.toString();
        }
        final double number = value == null ? Double.NaN : value.doubleValue();
        if (!Double.isFinite(number)) {
            throw new IllegalArgumentException("metric value " + value + " is not a finite number");
        }
        // Double.toString gives JSON-valid text (e.g. 95.0, 1.0E-4); whole numbers drop the ".0" for brevity.
        if (number == Math.rint(number) && Math.abs(number) < 1e15) {
            return Long.toString((long) number);
        }
        return Double.toString(number);
    }
}
