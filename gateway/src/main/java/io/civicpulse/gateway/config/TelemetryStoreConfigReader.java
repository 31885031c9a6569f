// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads {@code telemetry.store}, {@code telemetry.influxdb.*} and {@code telemetry.retention.*}. The InfluxDB token
 * comes from an environment variable ({@code telemetry.influxdb.tokenEnv}, default {@code CP_INFLUXDB_TOKEN}) or a
 * file ({@code telemetry.influxdb.tokenFile}); a token written into the configuration file is refused at start-up,
 * because configuration files end up in backups, tickets and version control.
 */
final class TelemetryStoreConfigReader {
    static final String DEFAULT_TOKEN_ENV = "CP_INFLUXDB_TOKEN";
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private TelemetryStoreConfigReader() {
    }

    static TelemetryStoreConfig read(final ConfigReader r, final Path baseDir) throws ConfigException {
        if (r.inFile("telemetry.influxdb.token")) {
            // The value is never echoed: it is a secret.
            throw r.error("telemetry.influxdb.token", "<hidden>", "no token in the configuration file: put it in the "
                    + "environment variable named by telemetry.influxdb.tokenEnv (default " + DEFAULT_TOKEN_ENV
                    + ") or in a file named by telemetry.influxdb.tokenFile");
        }
        final String backendText = r.string("telemetry.store", "questdb").trim().toLowerCase(Locale.ROOT);
        final TelemetryStoreConfig.Backend backend = switch (backendText) {
            case "questdb", "embedded" -> TelemetryStoreConfig.Backend.QUESTDB;
            case "influxdb" -> TelemetryStoreConfig.Backend.INFLUXDB;
            default -> throw r.error("telemetry.store", backendText, "questdb (embedded) or influxdb");
        };
        final boolean influxUsed = backend == TelemetryStoreConfig.Backend.INFLUXDB;
        final TelemetryStoreConfig.InfluxDb influx = influx(r, baseDir, influxUsed);
        final TelemetryStoreConfig.Retention retention = new TelemetryStoreConfig.Retention(
                r.bool("telemetry.retention.enabled", true),
                r.duration("telemetry.retention.raw", Duration.ofDays(30), Duration.ofDays(1)),
                r.duration("telemetry.retention.hourly", Duration.ofDays(365), Duration.ofDays(31)),
                r.duration("telemetry.retention.interval", Duration.ofHours(1), Duration.ofSeconds(1)));
        return new TelemetryStoreConfig(backend, influx, retention, r.intIn("telemetry.questdb.pgPort", 0, 0, 65535));
    }

    private static TelemetryStoreConfig.InfluxDb influx(final ConfigReader r, final Path baseDir,
                                                        final boolean used) throws ConfigException {
        final String url = r.string("telemetry.influxdb.url", "http://127.0.0.1:8086").trim();
        final String org = r.string("telemetry.influxdb.org", "civicpulse").trim();
        final String bucket = r.string("telemetry.influxdb.bucket", "telemetry").trim();
        final String tokenEnv = r.string("telemetry.influxdb.tokenEnv", DEFAULT_TOKEN_ENV).trim();
        final String tokenFile = r.string("telemetry.influxdb.tokenFile", "").trim();
        if (!used) {
            return null;
        }
        checkUrl(r, url);
        if (org.isEmpty()) {
            throw r.error("telemetry.influxdb.org", org, "the InfluxDB organisation name");
        }
        if (bucket.isEmpty()) {
            throw r.error("telemetry.influxdb.bucket", bucket, "the InfluxDB bucket (InfluxDB 3: database) name");
        }
        if (!ENV_NAME.matcher(tokenEnv).matches()) {
            throw r.error("telemetry.influxdb.tokenEnv", tokenEnv, "the name of an environment variable");
        }
        final String fromEnv = r.environment(tokenEnv);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new TelemetryStoreConfig.InfluxDb(url, org, bucket, fromEnv.trim(), "env " + tokenEnv);
        }
        if (!tokenFile.isEmpty()) {
            final Path file = baseDir.resolve(tokenFile);
            try {
                final String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw r.error("telemetry.influxdb.tokenFile", tokenFile, "a file holding the token; it is empty");
                }
                return new TelemetryStoreConfig.InfluxDb(url, org, bucket, token, "file " + file);
            } catch (final IOException e) {
                throw r.error("telemetry.influxdb.tokenFile", tokenFile, "a readable file holding the token ("
                        + e.getMessage() + ")");
            }
        }
        throw r.error("telemetry.influxdb.tokenEnv", tokenEnv, "an environment variable holding the InfluxDB token "
                + "(telemetry.store is influxdb, and telemetry.influxdb.tokenFile names no file either)");
    }

    private static void checkUrl(final ConfigReader r, final String url) throws ConfigException {
        try {
            final URI uri = new URI(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return;
            }
        } catch (final URISyntaxException e) {
            // answered below
        }
        throw r.error("telemetry.influxdb.url", url, "http://host:port or https://host:port");
    }
}
