// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.civicpulse.rules.engine.RuleParameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Loads {@code gateway.yaml} (plus optional overlay files and overrides) into a validated {@link GatewayConfig}.
 *
 * <p>Precedence, highest first: explicit overrides (command-line flags), {@code CP_*} environment variables,
 * the last overlay file, …, the base file, built-in defaults. Relative file names in a file are resolved against
 * that file's folder; the data folder is resolved against the working directory.
 */
public final class GatewayConfigLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private GatewayConfigLoader() {
    }

    /**
     * @param files     the base file first, then overlays; never empty
     * @param overrides key (e.g. {@code mqtt.port}) to value, from the command line
     * @param env       the process environment
     * @return the validated configuration
     * @throws ConfigException naming the file or key that is wrong
     */
    public static GatewayConfig load(final List<Path> files, final Map<String, String> overrides,
                                     final Map<String, String> env) throws ConfigException {
        final ObjectNode merged = YAML.createObjectNode();
        for (final Path file : files) {
            final ObjectNode tree = readTree(file);
            resolveFileKeys(tree, file.toAbsolutePath().getParent());
            deepMerge(merged, tree);
        }
        final Map<String, String> effectiveEnv = new HashMap<>(env);
        overrides.forEach((key, value) -> effectiveEnv.put(ConfigReader.envName(key), value));
        final Path baseDir = files.get(0).toAbsolutePath().getParent();
        final ConfigReader r = new ConfigReader(merged, effectiveEnv, String.join(" + ",
                files.stream().map(Path::toString).toList()));
        final GatewayConfig config = read(r, baseDir);
        r.requireNoUnknownKeys();
        return config;
    }

    private static GatewayConfig read(final ConfigReader r, final Path baseDir) throws ConfigException {
        final GatewayConfig.Mqtt mqtt = new GatewayConfig.Mqtt(
                r.string("mqtt.bindAddress", "127.0.0.1"),
                r.intIn("mqtt.port", 1883, 0, 65535),
                r.intIn("mqtt.maxPacketBytes", 65_536, 128, 268_435_455),
                r.intIn("mqtt.maxClientIdLength", 64, 23, 65_535),
                r.duration("mqtt.connectTimeout", Duration.ofSeconds(10), Duration.ofMillis(100)),
                r.intIn("mqtt.receiveMaximum", 1000, 1, 32_767),
                r.duration("mqtt.maxFutureSkew", Duration.ofMinutes(5), Duration.ZERO),
                new GatewayConfig.Broker(
                        r.intIn("mqtt.maximumQos", 2, 0, 2),
                        r.intIn("mqtt.topicAliasMaximum", 16, 0, 65_535),
                        r.duration("mqtt.serverKeepAlive", Duration.ZERO, Duration.ZERO),
                        bool(r, "mqtt.allowAnonymous", false),
                        bool(r, "mqtt.openAcl", false)),
                new GatewayConfig.Sessions(
                        r.duration("mqtt.session.maxExpiry", Duration.ofDays(7), Duration.ZERO),
                        r.intIn("mqtt.session.maxQueued", 1000, 1, 1_000_000),
                        r.duration("mqtt.session.flushInterval", Duration.ofMillis(200), Duration.ofMillis(10))),
                new GatewayConfig.Limits(
                        r.intIn("mqtt.limits.maxConnections", 10_000, 1, 10_000_000),
                        r.intIn("mqtt.limits.messageRate", 0, 0, 10_000_000),
                        r.intIn("mqtt.limits.messageBurst", 100, 1, 10_000_000),
                        r.intIn("mqtt.limits.authFailures", 5, 1, 1_000_000),
                        r.duration("mqtt.limits.authFailureWindow", Duration.ofMinutes(1), Duration.ofSeconds(1)),
                        r.duration("mqtt.limits.authCooldown", Duration.ofMinutes(1), Duration.ZERO),
                        r.intIn("mqtt.limits.maxInflight", 100, 1, 65_535)),
                tls(r, baseDir));
        final GatewayConfig.Http http = http(r);
        final Path dataDir = Path.of(r.string("dataDir", "civicpulse-data")).toAbsolutePath();
        final GatewayConfig.Ingest ingest = new GatewayConfig.Ingest(
                r.intIn("ingest.lanes", Math.max(1, Runtime.getRuntime().availableProcessors()), 1, 256),
                r.intIn("ingest.queueCapacity", 20_000, 1, 10_000_000),
                r.duration("ingest.tick", Duration.ofSeconds(1), Duration.ofMillis(10)));
        final GatewayConfig.Telemetry telemetry = new GatewayConfig.Telemetry(
                r.intIn("telemetry.batchMaxPoints", 10_000, 1, 1_000_000),
                r.duration("telemetry.maxDelay", Duration.ZERO, Duration.ZERO),
                r.intIn("telemetry.queueCapacity", 200_000, 1, 100_000_000),
                new GatewayConfig.Spool(
                        r.bytes("telemetry.spool.maxBytes", 1L << 30, 1L << 20, 1L << 42),
                        r.duration("telemetry.spool.slowWriteAfter", Duration.ofSeconds(1), Duration.ofMillis(1)),
                        r.duration("telemetry.spool.maxRetryInterval", Duration.ofSeconds(5), Duration.ofMillis(10))),
                r.bytes("telemetry.quarantine.maxBytes", 256L << 20, 1L << 10, 1L << 40));
        final GatewayConfig.Issues issues = new GatewayConfig.Issues(
                r.string("issues.jdbcUrl", ""),
                r.string("issues.user", ""),
                r.string("issues.password", ""),
                r.intIn("issues.queueCapacity", 10_000, 1, 10_000_000));
        final List<Path> ruleFiles = new ArrayList<>();
        for (final String f : r.stringList("rules.files")) {
            ruleFiles.add(existing(r, "rules.files", baseDir.resolve(f)));
        }
        return new GatewayConfig(mqtt, http, dataDir,
                existing(r, "registry.devices", baseDir.resolve(r.string("registry.devices", "devices.yaml"))),
                existing(r, "registry.crews", baseDir.resolve(r.string("registry.crews", "crews.yaml"))),
                existing(r, "governance", baseDir.resolve(r.string("governance", "governance.yaml"))),
                ingest, telemetry, issues, RuleParametersReader.read(r), List.copyOf(ruleFiles),
                PayloadFormatsReader.read(r), BridgeConfigReader.read(r), new GatewayConfig.ClockSettings(
                        r.doubleIn("clock.speed", 1, 1, 1_000_000), bool(r, "clock.controllable", false)),
                RuleOpsConfigReader.read(r, baseDir), TelemetryStoreConfigReader.read(r, baseDir));
    }

    private static GatewayConfig.Http http(final ConfigReader r) throws ConfigException {
        final GatewayConfig.HttpLimits d = GatewayConfig.HttpLimits.DEFAULTS;
        return new GatewayConfig.Http(
                r.string("http.bindAddress", "127.0.0.1"),
                r.intIn("http.port", 8080, 0, 65535),
                r.duration("http.headerTimeout", GatewayConfig.Http.DEFAULT_HEADER_TIMEOUT, Duration.ofMillis(100)),
                r.duration("http.idleTimeout", GatewayConfig.Http.DEFAULT_IDLE_TIMEOUT, Duration.ofMillis(100)),
                new GatewayConfig.HttpLimits(
                        r.intIn("http.limits.clientRate", d.clientRate(), 0, 1_000_000_000),
                        r.intIn("http.limits.clientBurst", d.clientBurst(), 1, 1_000_000),
                        r.intIn("http.limits.maxConcurrent", d.maxConcurrent(), 0, 100_000),
                        r.intIn("http.limits.maxQueued", d.maxQueued(), 0, 1_000_000),
                        r.duration("http.limits.maxQueueWait", d.maxQueueWait(), Duration.ofMillis(1)),
                        r.duration("http.limits.retryAfter", d.retryAfter(), Duration.ofSeconds(1))));
    }

    private static GatewayConfig.Tls tls(final ConfigReader r, final Path baseDir) throws ConfigException {
        final boolean enabled = bool(r, "mqtt.tls.enabled", false);
        final int port = r.intIn("mqtt.tls.port", 8883, 0, 65535);
        final String cert = r.string("mqtt.tls.certificate", "");
        final String key = r.string("mqtt.tls.privateKey", "");
        final String ca = r.string("mqtt.tls.clientCa", "");
        final boolean require = bool(r, "mqtt.tls.requireClientCertificate", false);
        if (!enabled) {
            return new GatewayConfig.Tls(false, port, null, null, null, false);
        }
        if (require && ca.isBlank()) {
            throw r.error("mqtt.tls.clientCa", ca, "a PEM file of client CA certificates when "
                    + "mqtt.tls.requireClientCertificate is true");
        }
        return new GatewayConfig.Tls(true, port,
                existing(r, "mqtt.tls.certificate", baseDir.resolve(cert)),
                existing(r, "mqtt.tls.privateKey", baseDir.resolve(key)),
                ca.isBlank() ? null : existing(r, "mqtt.tls.clientCa", baseDir.resolve(ca)), require);
    }

    private static boolean bool(final ConfigReader r, final String key, final boolean defaultValue)
            throws ConfigException {
        final String value = r.string(key, Boolean.toString(defaultValue)).trim();
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw r.error(key, value, "true or false");
    }

    /**
     * Makes the file names a file sets absolute against that file's folder before merging, so an overlay in another
     * folder names files relative to itself.
     */
    private static void resolveFileKeys(final ObjectNode tree, final Path dir) {
        if (tree.get("registry") instanceof ObjectNode registry) {
            for (final String key : List.of("devices", "crews")) {
                if (registry.hasNonNull(key) && registry.get(key).isTextual()) {
                    registry.put(key, dir.resolve(registry.get(key).asText()).toString());
                }
            }
        }
        if (tree.get("mqtt") instanceof ObjectNode mqtt && mqtt.get("tls") instanceof ObjectNode tls) {
            for (final String key : List.of("certificate", "privateKey", "clientCa")) {
                if (tls.hasNonNull(key) && tls.get(key).isTextual() && !tls.get(key).asText().isBlank()) {
                    tls.put(key, dir.resolve(tls.get(key).asText()).toString());
                }
            }
        }
        if (tree.hasNonNull("governance") && tree.get("governance").isTextual()) {
            tree.put("governance", dir.resolve(tree.get("governance").asText()).toString());
        }
        if (tree.get("rules") instanceof ObjectNode rules && rules.get("files") instanceof ArrayNode ruleFiles) {
            for (int i = 0; i < ruleFiles.size(); i++) {
                ruleFiles.set(i, ruleFiles.textNode(dir.resolve(ruleFiles.get(i).asText()).toString()));
            }
        }
    }

    private static Path existing(final ConfigReader r, final String key, final Path file) throws ConfigException {
        if (!Files.isReadable(file)) {
            throw r.error(key, file.toString(), "a readable file (relative names are resolved against the folder "
                    + "of the configuration file)");
        }
        return file;
    }

    private static ObjectNode readTree(final Path file) throws ConfigException {
        try {
            final JsonNode node = YAML.readTree(file.toFile());
            if (node == null || node.isMissingNode() || node.isNull()) {
                return YAML.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException(file + ": expected a YAML mapping of configuration keys at the top");
            }
            return (ObjectNode) node;
        } catch (final JacksonException e) {
            throw new ConfigException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        } catch (final IOException e) {
            throw new ConfigException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static void deepMerge(final ObjectNode target, final ObjectNode overlay) {
        final Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields();
        while (fields.hasNext()) {
            final Map.Entry<String, JsonNode> f = fields.next();
            final JsonNode existing = target.get(f.getKey());
            if (existing instanceof ObjectNode existingObject && f.getValue() instanceof ObjectNode overlayObject) {
                deepMerge(existingObject, overlayObject);
            } else {
                target.set(f.getKey(), f.getValue());
            }
        }
    }

    /** Maps the {@code rules.*} keys onto the rule pack's parameters. */
    private static final class RuleParametersReader {
        static RuleParameters read(final ConfigReader r) throws ConfigException {
            final RuleParameters d = RuleParameters.defaults();
            final LocalTime[] window = r.window("rules.streetlight.onWindow", "18:00-06:00");
            try {
                return new RuleParameters(
                        r.zone("rules.timezone", d.zone()), window[0], window[1],
                        r.doubleIn("rules.streetlight.darkCurrentAmps", d.lampDarkCurrentAmps(), 0, 100),
                        r.duration("rules.streetlight.darkFor", Duration.ofMillis(d.lampDarkMillis()),
                                Duration.ofSeconds(1)).toMillis(),
                        r.doubleIn("rules.bin.fullPercent", d.binFullPercent(), 0, 100),
                        r.doubleIn("rules.bin.fullClearPercent", d.binFullClearPercent(), 0, 100),
                        r.duration("rules.bin.fullFor", Duration.ofMillis(d.binFullMillis()),
                                Duration.ofSeconds(1)).toMillis(),
                        r.doubleIn("rules.bin.fireCelsius", d.binFireCelsius(), -50, 1000),
                        r.doubleIn("rules.bin.fireRiseCelsius", d.binFireRiseCelsius(), 0, 1000),
                        r.doubleIn("rules.bin.fireClearCelsius", d.binFireClearCelsius(), -50, 1000),
                        r.duration("rules.gate.heldOpenFor", Duration.ofMillis(d.gateHeldOpenMillis()),
                                Duration.ofSeconds(1)).toMillis(),
                        r.intIn("rules.device.silentIntervals", d.silentIntervals(), 1, 1000),
                        r.doubleIn("rules.device.batteryLowPercent", d.batteryLowPercent(), 0, 100),
                        r.doubleIn("rules.device.batteryClearPercent", d.batteryClearPercent(), 0, 100))
                        .withDeviceHealth(DeviceHealthReader.read(r));
            } catch (final IllegalArgumentException e) {
                throw new ConfigException("rules: " + yamlKeys(e.getMessage()), e);
            }
        }

        /** The rule pack names its parameters; the operator knows the YAML keys. */
        private static String yamlKeys(final String message) {
            return message
                    .replace("binFullClearPercent", "rules.bin.fullClearPercent")
                    .replace("binFullPercent", "rules.bin.fullPercent")
                    .replace("binFireClearCelsius", "rules.bin.fireClearCelsius")
                    .replace("binFireCelsius", "rules.bin.fireCelsius")
                    .replace("batteryClearPercent", "rules.device.batteryClearPercent")
                    .replace("batteryLowPercent", "rules.device.batteryLowPercent");
        }
    }
}
