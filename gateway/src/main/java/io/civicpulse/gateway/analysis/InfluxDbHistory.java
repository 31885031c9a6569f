// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.InfluxDbTelemetryStore;
import io.civicpulse.gateway.storage.TelemetrySchema;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Downsampled history on InfluxDB with Flux: {@code aggregateWindow} (windows stamped with their start) with
 * {@code min}, {@code max} and {@code mean} per field, and {@code count} of {@code seq} as the readings (null when the
 * device sends no sequence numbers). Verified only by {@code InfluxDbTelemetryStoreIT} where Docker runs.
 */
final class InfluxDbHistory implements DeviceHistory {
    private static final List<String> AGGREGATES = List.of("min", "max", "mean");

    private final InfluxDbTelemetryStore influx;

    InfluxDbHistory(final InfluxDbTelemetryStore influx) {
        this.influx = influx;
    }

    @Override
    public AnalysisTable history(final Device device, final Instant from, final Instant to, final Duration bucket)
            throws TelemetryStoreException {
        final String type = TelemetrySchema.requireValidDeviceType(device.type());
        final Map<Instant, Map<String, Object>> buckets = new TreeMap<>();
        final TreeSet<String> metrics = new TreeSet<>();
        if (!FluxText.nonEmpty(from, to)) {
            // Both ends beyond what InfluxDB can store: nothing there, and Flux refuses an empty range.
            return new AnalysisTable(List.of("bucket", "readings"), List.of());
        }
        for (final String agg : List.of("min", "max", "mean", "count")) {
            for (final FluxTable table : influx.query(flux(influx.bucket(), type, device.id(), from, to, bucket,
                    agg))) {
                for (final FluxRecord r : table.getRecords()) {
                    final String field = r.getField();
                    final boolean readings = "count".equals(agg);
                    if (field == null || readings != TelemetrySchema.FIELD_SEQUENCE.equals(field)) {
                        continue;
                    }
                    if (!readings) {
                        metrics.add(field);
                    }
                    // Numbers as the embedded store gives them: readings whole, aggregates floating point.
                    if (r.getValue() instanceof Number n) {
                        buckets.computeIfAbsent(r.getTime(), k -> new TreeMap<>()).put(readings ? "readings"
                                : field + "_" + agg, readings ? (Object) n.longValue() : (Object) n.doubleValue());
                    }
                }
            }
        }
        final List<String> columns = new ArrayList<>(List.of("bucket", "readings"));
        metrics.forEach(m -> AGGREGATES.forEach(a -> columns.add(m + "_" + a)));
        final List<List<Object>> rows = new ArrayList<>();
        buckets.forEach((time, values) -> {
            final List<Object> row = new ArrayList<>(columns.size());
            row.add(time);
            for (int i = 1; i < columns.size(); i++) {
                row.add(values.get(columns.get(i)));
            }
            rows.add(row);
        });
        return new AnalysisTable(columns, rows);
    }

    static String flux(final String bucket, final String type, final String device, final Instant from,
                       final Instant to, final Duration bucketLength, final String agg) {
        return FluxText.rows(bucket, from, to, type, null, device)
                // One series per field, also when the device's area tag changed within the range.
                + FluxText.group(List.of("_field"))
                + " |> aggregateWindow(every: " + FluxText.duration(bucketLength) + ", fn: " + agg
                + ", timeSrc: \"_start\", createEmpty: false)";
    }
}
