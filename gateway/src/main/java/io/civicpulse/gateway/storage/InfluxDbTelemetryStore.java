// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import io.civicpulse.rules.model.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Telemetry in an InfluxDB 2.x (or 3.x, through its v2-compatible write API) server named in the configuration: the
 * same line protocol as the embedded store ({@link TelemetrySchema}, {@link TelemetryFields}), written with
 * millisecond precision through influxdb-client-java's blocking API, behind the same writer, spool and quarantine.
 *
 * <p><b>Duplicates.</b> InfluxDB keeps one point per (measurement, tag set, timestamp): a reading written twice
 * (spool replay after a crash, bridge redelivery) overwrites itself. Unlike the embedded store, two different
 * readings of one device in the same millisecond also overwrite each other ({@code seq} is a field, not a key).
 *
 * <p><b>History</b> is a Flux query (range, filter, pivot). Thread-safe; every method blocks on I/O.
 */
public final class InfluxDbTelemetryStore implements TelemetryStore {
    private final InfluxDBClient client;
    private final WriteApiBlocking writeApi;
    private final String bucket;
    private final DeviceTags tags;

    /**
     * Connects (lazily: the first write or query opens the connection, so a server that is down at start-up only
     * makes the writer spool).
     *
     * @param url    server URL
     * @param token  API token
     * @param org    organisation
     * @param bucket bucket
     * @param tags   the area tag of each device
     */
    public InfluxDbTelemetryStore(final String url, final char[] token, final String org, final String bucket,
                                  final DeviceTags tags) {
        Objects.requireNonNull(url, "url must not be null.");
        Objects.requireNonNull(token, "token must not be null.");
        Objects.requireNonNull(org, "org must not be null.");
        this.bucket = Objects.requireNonNull(bucket, "bucket must not be null.");
        this.tags = Objects.requireNonNull(tags, "tags must not be null.");
        this.client = InfluxDBClientFactory.create(url, token, org, bucket);
        this.writeApi = client.getWriteApiBlocking();
    }

    @Override
    public void write(final List<Reading> readings) throws TelemetryStoreException {
        Objects.requireNonNull(readings, "readings must not be null.");
        if (readings.isEmpty()) {
            return;
        }
        final String lines = LineProtocol.encode(readings, tags);
        try {
            writeApi.writeRecord(WritePrecision.MS, lines);
        } catch (final InfluxException e) {
            // 400/422 (e.g. a field type conflict) and 413 are about the data; 401/403/404 are configuration
            // (token, org, bucket) and 5xx or no answer an outage: keep those readings and retry.
            final boolean refused = e.status() == 400 || e.status() == 413 || e.status() == 422;
            throw new TelemetryStoreException("InfluxDB did not store " + readings.size() + " readings (HTTP "
                    + e.status() + "): " + e.getMessage(), e, !refused);
        } catch (final RuntimeException e) {
            throw new TelemetryStoreException("InfluxDB did not store " + readings.size() + " readings: " + e, e);
        }
    }

    @Override
    public List<StoredReading> history(final String deviceType, final String deviceId, final Instant from,
                                       final Instant to, final int limit) throws TelemetryStoreException {
        TelemetrySchema.requireValidDeviceType(deviceType);
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (!to.isAfter(from)) {
            return List.of();
        }
        final String flux = "from(bucket: " + fluxString(bucket) + ")\n"
                + " |> range(start: " + from + ", stop: " + to + ")\n"
                + " |> filter(fn: (r) => r._measurement == " + fluxString(deviceType) + " and r."
                + TelemetrySchema.TAG_DEVICE + " == " + fluxString(deviceId) + ")\n"
                + " |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\")\n"
                + " |> group()\n |> sort(columns: [\"_time\"])\n |> limit(n: " + limit + ")";
        try {
            final List<StoredReading> result = new ArrayList<>();
            for (final FluxTable table : client.getQueryApi().query(flux)) {
                for (final FluxRecord record : table.getRecords()) {
                    result.add(toReading(record));
                }
            }
            return result;
        } catch (final RuntimeException e) {
            throw new TelemetryStoreException("InfluxDB history of " + deviceType + " '" + deviceId + "' failed: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs a Flux query, for the analysis API.
     *
     * @param flux the query; string literals built with {@link #fluxString}
     * @return the result tables
     * @throws TelemetryStoreException if InfluxDB refuses or fails it
     */
    public List<FluxTable> query(final String flux) throws TelemetryStoreException {
        try {
            return client.getQueryApi().query(flux);
        } catch (final RuntimeException e) {
            throw new TelemetryStoreException("InfluxDB query failed: " + e.getMessage(), e);
        }
    }

    /** @return the bucket written to */
    public String bucket() {
        return bucket;
    }

    @Override
    public void close() {
        client.close();
    }

    private static StoredReading toReading(final FluxRecord record) {
        final Map<String, Double> metrics = new LinkedHashMap<>();
        long sequence = StoredReading.NO_SEQUENCE;
        for (final Map.Entry<String, Object> e : record.getValues().entrySet()) {
            final String name = e.getKey();
            if (TelemetrySchema.FIELD_SEQUENCE.equals(name) && e.getValue() instanceof Number n) {
                sequence = n.longValue();
            } else if (!name.startsWith("_") && !TelemetrySchema.RESERVED_NAMES.contains(name)
                    && !"result".equals(name) && !"table".equals(name) && e.getValue() instanceof Number n) {
                metrics.put(name, n.doubleValue());
            }
        }
        return new StoredReading(Objects.requireNonNull(record.getTime(), "_time"), sequence, metrics);
    }

    /**
     * @param text any text
     * @return a Flux string literal: backslash, double quote and interpolation escaped (OSS 2.x has no bind
     *     parameters)
     */
    public static String fluxString(final String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("${", "\\${") + "\"";
    }
}
