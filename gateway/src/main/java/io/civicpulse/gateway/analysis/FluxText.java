// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.storage.InfluxDbTelemetryStore;
import io.civicpulse.gateway.storage.TelemetrySchema;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the Flux of the analysis API on the documented schema (measurement per device type, tags {@code community},
 * {@code device}, {@code type}, {@code area}). InfluxDB OSS 2.x has no bind parameters, so every value goes in as a
 * literal made here: strings escaped ({@link InfluxDbTelemetryStore#fluxString}), times as RFC 3339 clamped to the
 * range InfluxDB can store, durations from {@link Duration}s; function names come from an enum.
 */
final class FluxText {
    /** InfluxDB stores nanoseconds since the epoch in 64 bits; times outside cannot be written as literals. */
    static final Instant MIN_TIME = Instant.parse("1677-09-21T00:12:43.145224192Z");
    static final Instant MAX_TIME = Instant.parse("2262-04-11T23:47:16.854775807Z");
    /** Readings before this are refused at ingest ({@link TelemetrySchema#MIN_TIMESTAMP_MILLIS}). */
    static final Instant EARLIEST_READING = Instant.ofEpochMilli(TelemetrySchema.MIN_TIMESTAMP_MILLIS);

    private FluxText() {
    }

    /** @return an RFC 3339 time literal (UTC), clamped to what InfluxDB can represent */
    static String time(final Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(clamp(t));
    }

    /** @return true when the clamped range is not empty (Flux refuses a range whose start is not before its stop) */
    static boolean nonEmpty(final Instant from, final Instant to) {
        return clamp(from).isBefore(clamp(to));
    }

    /** @return a duration literal, in seconds when whole, else milliseconds */
    static String duration(final Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** @return a string literal, escaped */
    static String string(final String text) {
        return InfluxDbTelemetryStore.fluxString(text);
    }

    /**
     * @param bucket the bucket
     * @param from   inclusive start
     * @param to     exclusive stop
     * @param type   device type (measurement)
     * @param field  only this field, or null for every field
     * @param device only this device (escaped), or null for every device
     * @return {@code from |> range |> filter} for the rows asked for
     */
    static String rows(final String bucket, final Instant from, final Instant to, final String type,
                       final String field, final String device) {
        final StringBuilder flux = new StringBuilder("from(bucket: ").append(string(bucket)).append(")\n")
                .append(" |> range(start: ").append(time(from)).append(", stop: ").append(time(to)).append(")\n")
                .append(" |> filter(fn: (r) => r._measurement == ").append(string(type));
        if (field != null) {
            flux.append(" and r._field == ").append(string(field));
        }
        if (device != null) {
            flux.append(" and r.").append(TelemetrySchema.TAG_DEVICE).append(" == ").append(string(device));
        }
        return flux.append(")\n").toString();
    }

    /** @return {@code group(columns: [...])}, so one device's series stays one table when its area tag changed */
    static String group(final List<String> columns) {
        return " |> group(columns: [" + columns.stream().map(FluxText::string).collect(Collectors.joining(", "))
                + "])\n";
    }

    private static Instant clamp(final Instant t) {
        return t.isBefore(MIN_TIME) ? MIN_TIME : t.isAfter(MAX_TIME) ? MAX_TIME : t;
    }
}
