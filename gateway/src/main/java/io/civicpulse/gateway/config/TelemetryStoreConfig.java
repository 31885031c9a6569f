// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Which time-series store the telemetry writer writes to, and the embedded store's retention
 * ({@code telemetry.store}, {@code telemetry.influxdb.*}, {@code telemetry.retention.*}); read by
 * {@link TelemetryStoreConfigReader}.
 *
 * @param backend   {@link Backend#QUESTDB} (embedded, default) or {@link Backend#INFLUXDB}
 * @param influxDb  the InfluxDB server; null unless the backend is InfluxDB
 * @param retention raw and hourly retention of the embedded store
 * @param pgPort    port of the embedded store's PostgreSQL wire server on 127.0.0.1 (for Grafana, psql); 0 picks a
 *                  free one
 */
public record TelemetryStoreConfig(Backend backend, InfluxDb influxDb, Retention retention, int pgPort) {
    /** The store behind the writer. */
    public enum Backend {
        /** QuestDB embedded in the gateway process, in {@code <dataDir>/questdb}. */
        QUESTDB,
        /** An InfluxDB 2.x or 3.x server (v2 write API). */
        INFLUXDB
    }

    /** @throws NullPointerException if backend or retention is null, or influxDb is null for InfluxDB */
    public TelemetryStoreConfig {
        Objects.requireNonNull(backend, "backend must not be null.");
        Objects.requireNonNull(retention, "retention must not be null.");
        if (backend == Backend.INFLUXDB) {
            Objects.requireNonNull(influxDb, "influxDb must not be null.");
        }
    }

    /**
     * @param url         server URL, {@code http(s)://host:port}
     * @param org         organisation
     * @param bucket      bucket (InfluxDB 3: database)
     * @param token       API token, read from the environment variable or file named in the configuration; never
     *                    from the file itself, never logged
     * @param tokenSource where the token came from ({@code env CP_INFLUXDB_TOKEN}, {@code file /run/...}), for logs
     */
    public record InfluxDb(String url, String org, String bucket, String token, String tokenSource) {
        @Override
        public String toString() {
            return "InfluxDb[url=" + url + ", org=" + org + ", bucket=" + bucket + ", token from " + tokenSource + "]";
        }
    }

    /**
     * @param enabled    whether the retention job runs (embedded store only)
     * @param rawFor     raw readings older than this are dropped (whole days: QuestDB drops day partitions)
     * @param hourlyFor  hourly aggregates older than this are dropped (whole months: monthly partitions)
     * @param interval   how often the job rolls up finished hours and drops old partitions
     */
    public record Retention(boolean enabled, Duration rawFor, Duration hourlyFor, Duration interval) {
    }
}
