// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import io.civicpulse.gateway.storage.TelemetrySchema;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link AnalysisQueries} in Flux on InfluxDB 2.x: {@code last()} for the latest readings, the distinct timestamps per
 * device for the number of readings (a reading has one point per field, all with its timestamp), and
 * {@code aggregateWindow} per field (windows aligned to the epoch, stamped with their start) for buckets. Queries are
 * grouped by {@code device} (and {@code _field}), not by series, so a device whose {@code area} tag changed is still
 * one device. The text comes from {@link FluxText}; the mapping of result tables to answers is static and tested on
 * tables built in memory.
 */
final class InfluxDbAnalysisQueries implements AnalysisQueries {
    /** Runs one Flux query ({@code InfluxDbTelemetryStore::query}). */
    @FunctionalInterface
    interface FluxRunner {
        /**
         * @param flux the query
         * @return its result tables
         * @throws TelemetryStoreException if InfluxDB refuses or fails it
         */
        List<FluxTable> query(String flux) throws TelemetryStoreException;
    }

    private final FluxRunner influx;
    private final String bucket;

    InfluxDbAnalysisQueries(final FluxRunner influx, final String bucket) {
        this.influx = influx;
        this.bucket = bucket;
    }

    @Override
    public Map<String, Latest> latest(final String type, final String field, final Instant before)
            throws TelemetryStoreException {
        if (!FluxText.nonEmpty(FluxText.EARLIEST_READING, before)) {
            return new HashMap<>();
        }
        return latest(influx.query(latestFlux(bucket, type, field, before)), field != null);
    }

    @Override
    public Map<String, Long> readings(final String type, final Instant from, final Instant to)
            throws TelemetryStoreException {
        if (!FluxText.nonEmpty(from, to)) {
            return new HashMap<>();
        }
        return readings(influx.query(readingsFlux(bucket, type, from, to)));
    }

    @Override
    public List<Bucket> buckets(final BucketQuery q) throws TelemetryStoreException {
        if (!FluxText.nonEmpty(q.from(), q.to())) {
            return List.of();
        }
        final List<List<FluxTable>> results = new ArrayList<>();
        for (final Aggregate a : q.aggregates()) {
            results.add(influx.query(bucketsFlux(bucket, q, a)));
        }
        return buckets(results, q.length(), q.perDevice());
    }

    static String latestFlux(final String bucket, final String type, final String field, final Instant before) {
        return FluxText.rows(bucket, FluxText.EARLIEST_READING, before, type, field, null) + " |> last()";
    }

    static String readingsFlux(final String bucket, final String type, final Instant from, final Instant to) {
        // _value goes first: fields of different types (passes 3i, battery_pct 80.0) cannot share a table.
        return FluxText.rows(bucket, from, to, type, null, null) + " |> keep(columns: [\"_time\", \""
                + TelemetrySchema.TAG_DEVICE + "\"])\n" + FluxText.group(List.of(TelemetrySchema.TAG_DEVICE))
                + " |> distinct(column: \"_time\")\n |> count()";
    }

    static String bucketsFlux(final String bucket, final BucketQuery q, final Aggregate a) {
        return FluxText.rows(bucket, q.from(), q.to(), q.type(), a.field(), q.device())
                + FluxText.group(q.perDevice() ? List.of(TelemetrySchema.TAG_DEVICE, "_field") : List.of("_field"))
                + " |> aggregateWindow(every: " + FluxText.duration(q.length()) + ", fn: "
                + a.fn().name().toLowerCase(Locale.ROOT) + ", timeSrc: \"_start\", createEmpty: false)";
    }

    /** @return per device the record with the latest time (one per series and field come back) */
    static Map<String, Latest> latest(final List<FluxTable> tables, final boolean withValue) {
        final Map<String, Latest> latest = new HashMap<>();
        for (final FluxRecord r : records(tables)) {
            final String device = device(r);
            final Instant at = r.getTime();
            if (device == null || at == null) {
                continue;
            }
            final Latest seen = latest.get(device);
            if (seen == null || at.isAfter(seen.at())) {
                latest.put(device, new Latest(at, withValue ? number(r.getValue()) : null));
            }
        }
        return latest;
    }

    static Map<String, Long> readings(final List<FluxTable> tables) {
        final Map<String, Long> counts = new HashMap<>();
        for (final FluxRecord r : records(tables)) {
            final String device = device(r);
            if (device != null && r.getValue() instanceof Number n) {
                counts.merge(device, n.longValue(), Long::sum);
            }
        }
        return counts;
    }

    /**
     * @param results one result per aggregate, in order
     * @return buckets by device then start; window starts floored to the bucket length, because a window cut by the
     *     range start carries the range start
     */
    static List<Bucket> buckets(final List<List<FluxTable>> results, final Duration length,
                                final boolean perDevice) {
        final long millis = length.toMillis();
        final Map<String, TreeMap<Instant, Double[]>> byDevice = new TreeMap<>();
        for (int i = 0; i < results.size(); i++) {
            for (final FluxRecord r : records(results.get(i))) {
                final String device = perDevice ? device(r) : "";
                final Double value = number(r.getValue());
                if (device == null || r.getTime() == null || value == null) {
                    continue;
                }
                final Instant start = Instant.ofEpochMilli(Math.floorDiv(r.getTime().toEpochMilli(), millis) * millis);
                byDevice.computeIfAbsent(device, k -> new TreeMap<>())
                        .computeIfAbsent(start, k -> new Double[results.size()])[i] = value;
            }
        }
        final List<Bucket> buckets = new ArrayList<>();
        byDevice.forEach((device, series) -> series.forEach((start, values) -> buckets.add(new Bucket(
                perDevice ? device : null, start, java.util.Collections.unmodifiableList(Arrays.asList(values))))));
        return buckets;
    }

    private static List<FluxRecord> records(final List<FluxTable> tables) {
        final List<FluxRecord> records = new ArrayList<>();
        tables.forEach(t -> records.addAll(t.getRecords()));
        return records;
    }

    private static String device(final FluxRecord r) {
        return r.getValueByKey(TelemetrySchema.TAG_DEVICE) instanceof String s ? s : null;
    }

    private static Double number(final Object value) {
        return value instanceof Number n && !Double.isNaN(n.doubleValue()) ? n.doubleValue() : null;
    }
}
