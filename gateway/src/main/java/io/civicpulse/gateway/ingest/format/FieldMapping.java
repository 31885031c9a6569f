// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.storage.TelemetrySchema;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a field map ({@code ingest.fieldMaps}): which vendor field (or SenML name and unit) becomes which of
 * our metrics, and how its value is converted: {@code metric = clamp(value × scale + offset, min, max)}. Booleans
 * count as 1 and 0; texts are looked up in {@code values}. Immutable.
 *
 * @param field  decoded-object field as a dotted path ({@code temperature}, {@code temperatureSensor.1}), or the
 *               SenML name it matches (the whole name or its last {@code :}/{@code /} segment); null for a SenML
 *               line that matches by unit alone
 * @param unit   SenML unit the record must carry ({@code Cel}); null for any unit; never set for other formats
 * @param metric our metric name, lower-case snake case with the unit as suffix ({@code temperature_c})
 * @param scale  multiplier, finite and not zero
 * @param offset added after scaling, finite
 * @param min    the result is raised to at least this (negative infinity: no lower bound)
 * @param max    the result is lowered to at most this (positive infinity: no upper bound)
 * @param values text value (compared without case) to number; empty when texts are not expected
 */
public record FieldMapping(String field, String unit, String metric, double scale, double offset, double min,
                           double max, Map<String, Double> values) {

    /** @throws IllegalArgumentException naming the part that is wrong */
    public FieldMapping {
        if (field == null && unit == null) {
            throw new IllegalArgumentException("field (or, for SenML, unit) is missing");
        }
        requireText("field", field);
        requireText("unit", unit);
        if (metric == null || !TelemetrySchema.NAME_PATTERN.matcher(metric).matches()
                || TelemetrySchema.RESERVED_NAMES.contains(metric)) {
            throw new IllegalArgumentException("metric '" + metric + "' is not a metric name: lower-case snake case "
                    + TelemetrySchema.NAME_PATTERN.pattern() + ", not " + TelemetrySchema.RESERVED_NAMES);
        }
        if (!Double.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale " + scale + " must be a finite number other than 0");
        }
        if (!Double.isFinite(offset)) {
            throw new IllegalArgumentException("offset " + offset + " must be a finite number");
        }
        if (Double.isNaN(min) || Double.isNaN(max) || min > max) {
            throw new IllegalArgumentException("min " + min + " and max " + max + " must be numbers with min <= max");
        }
        values = lowerCaseKeys(Objects.requireNonNull(values, "values must not be null."));
    }

    /**
     * @param field  the vendor field
     * @param metric our metric
     * @return a plain renaming: scale 1, offset 0, no bounds, no texts
     */
    public static FieldMapping of(final String field, final String metric) {
        return new FieldMapping(field, null, metric, 1, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Map.of());
    }

    /**
     * @param unit   a SenML unit
     * @param metric our metric
     * @return a SenML line that matches records by unit alone, whatever their name
     */
    public static FieldMapping ofUnit(final String unit, final String metric) {
        return new FieldMapping(null, unit, metric, 1, 0, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                Map.of());
    }

    /** @return a copy that requires the SenML unit {@code u} */
    public FieldMapping withUnit(final String u) {
        return new FieldMapping(field, u, metric, scale, offset, min, max, values);
    }

    /** @return a copy computing {@code clamp(value × s + o, lo, hi)} */
    public FieldMapping withLinear(final double s, final double o, final double lo, final double hi) {
        return new FieldMapping(field, unit, metric, s, o, lo, hi, values);
    }

    /** @return a copy that turns the texts of {@code v} (keys) into numbers */
    public FieldMapping withValues(final Map<String, Double> v) {
        return new FieldMapping(field, unit, metric, scale, offset, min, max, v);
    }

    /**
     * @param raw the vendor value, finite
     * @return the metric value
     */
    public double apply(final double raw) {
        return Math.max(min, Math.min(max, raw * scale + offset));
    }

    /**
     * @param text a text value
     * @return its number from {@link #values()}, or null when the map does not know it
     */
    public Double valueOf(final String text) {
        return values.get(text.toLowerCase(Locale.ROOT));
    }

    private static void requireText(final String name, final String value) {
        if (value != null && value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static Map<String, Double> lowerCaseKeys(final Map<String, Double> values) {
        final Map<String, Double> out = new LinkedHashMap<>();
        for (final Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null || !Double.isFinite(e.getValue())) {
                throw new IllegalArgumentException("values." + e.getKey() + " must be a non-blank text mapped to a "
                        + "finite number");
            }
            if (out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()) != null) {
                throw new IllegalArgumentException("values." + e.getKey() + " is listed twice (texts are compared "
                        + "without case)");
            }
        }
        return Map.copyOf(out);
    }
}
