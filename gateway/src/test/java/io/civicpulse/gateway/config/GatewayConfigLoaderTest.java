// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.rules.engine.RuleParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Binding of gateway.yaml: defaults, unknown keys, ranges, layers and referenced files. */
class GatewayConfigLoaderTest {

    @TempDir
    Path dir;

    private String failureOf(final String yaml) {
        final ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFolder.load(dir, yaml));
        assertThat(e).as("configuration must be refused:%n%s", yaml).isNotNull();
        return e.getMessage();
    }

    @Test
    void load_sampleConfig_hasTheDocumentedDefaults() throws Exception {
        // given the shipped sample and the files it refers to
        final Path sample = ConfigFolder.copySample(dir);

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(sample), Map.of(), Map.of());

        // then
        assertThat(c.mqtt()).isEqualTo(new GatewayConfig.Mqtt("127.0.0.1", 1883, 65_536, 64,
                Duration.ofSeconds(10), 1000, Duration.ofMinutes(5),
                new GatewayConfig.Broker(2, 16, Duration.ZERO, false, false),
                new GatewayConfig.Sessions(Duration.ofDays(7), 1000, Duration.ofMillis(200)),
                new GatewayConfig.Limits(10_000, 0, 100, 5, Duration.ofMinutes(1), Duration.ofMinutes(1), 100),
                new GatewayConfig.Tls(false, 8883, null, null, null, false)));
        assertThat(c.http()).isEqualTo(new GatewayConfig.Http("127.0.0.1", 8080, Duration.ofSeconds(10),
                Duration.ofSeconds(30), new GatewayConfig.HttpLimits(100, 200, 64, 512, Duration.ofSeconds(5),
                Duration.ofSeconds(1))));
        assertThat(c.dataDir()).isEqualTo(Path.of("civicpulse-data").toAbsolutePath());
        assertThat(c.devicesFile()).isEqualTo(dir.resolve("devices.yaml"));
        assertThat(c.crewsFile()).isEqualTo(dir.resolve("crews.yaml"));
        assertThat(c.governanceFile()).isEqualTo(dir.resolve("governance.yaml"));
        assertThat(c.ingest()).isEqualTo(new GatewayConfig.Ingest(Runtime.getRuntime().availableProcessors(),
                20_000, Duration.ofSeconds(1)));
        assertThat(c.telemetry()).isEqualTo(new GatewayConfig.Telemetry(10_000, Duration.ZERO, 200_000,
                new GatewayConfig.Spool(1L << 30, Duration.ofSeconds(1), Duration.ofSeconds(5)), 256L << 20));
        assertThat(c.issues()).isEqualTo(new GatewayConfig.Issues("", "", "", 10_000));
        assertThat(c.rules()).isEqualTo(RuleParameters.defaults());
        assertThat(c.ruleFiles()).isEmpty();
    }

    @Test
    void load_emptyFile_equalsTheSampleConfig() throws Exception {
        // given the sample and an empty file in the same folder
        final Path sample = ConfigFolder.copySample(dir);
        final Path empty = ConfigFolder.write(dir, "empty.yaml", "");

        // when
        final GatewayConfig fromSample = GatewayConfigLoader.load(List.of(sample), Map.of(), Map.of());
        final GatewayConfig fromDefaults = GatewayConfigLoader.load(List.of(empty), Map.of(), Map.of());

        // then every value the sample writes down is the built-in default
        assertThat(fromDefaults).isEqualTo(fromSample);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mqtt: {prot: 1884}                         | mqtt.prot
            mqttt: {port: 1884}                        | mqttt
            rules: {bin: {fullPercentage: 95}}         | rules.bin.fullPercentage
            registry: {device: other.yaml}             | registry.device
            http: {port: 8080, bindAdress: 0.0.0.0}    | http.bindAdress
            dataDirectory: data                        | dataDirectory
            """)
    void load_unknownOrMisspeltKey_failsNamingTheKey(final String yaml, final String key) {
        // given a file with one key no reader asks for
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains(key).contains("gateway.yaml");
    }

    @Test
    void load_misspeltKey_isReportedAsUnknown() {
        // given
        final String yaml = "mqtt:\n  prot: 1884\n";

        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains("unknown configuration key mqtt.prot");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mqtt: {port: 70000}                 | mqtt.port: '70000'                 | a whole number from 0 to 65535
            mqtt: {port: -1}                    | mqtt.port: '-1'                    | a whole number from 0 to 65535
            mqtt: {port: abc}                   | mqtt.port: 'abc'                   | a whole number from 0 to 65535
            mqtt: {port: 1883.5}                | mqtt.port: '1883.5'                | a whole number from 0 to 65535
            mqtt: {receiveMaximum: 65535}       | mqtt.receiveMaximum: '65535'       | a whole number from 1 to 32767
            mqtt: {receiveMaximum: 0}           | mqtt.receiveMaximum: '0'           | a whole number from 1 to 32767
            mqtt: {maxPacketBytes: 127}         | mqtt.maxPacketBytes: '127'         | from 128 to 268435455
            mqtt: {maxClientIdLength: 22}       | mqtt.maxClientIdLength: '22'       | from 23 to 65535
            http: {port: 65536}                 | http.port: '65536'                 | from 0 to 65535
            http: {limits: {clientRate: -1}}    | http.limits.clientRate: '-1'       | from 0 to 1000000000
            http: {limits: {clientBurst: 0}}    | http.limits.clientBurst: '0'       | from 1 to 1000000
            http: {limits: {maxConcurrent: x}}  | http.limits.maxConcurrent: 'x'     | from 0 to 100000
            ingest: {lanes: 0}                  | ingest.lanes: '0'                  | from 1 to 256
            ingest: {queueCapacity: 0}          | ingest.queueCapacity: '0'          | from 1 to 10000000
            rules: {bin: {fullPercent: 101}}    | rules.bin.fullPercent: '101'       | a number from 0.0 to 100.0
            rules: {bin: {fullPercent: NaN}}    | rules.bin.fullPercent: 'NaN'       | a number from 0.0 to 100.0
            rules: {device: {silentIntervals: 0}} | rules.device.silentIntervals: '0' | from 1 to 1000
            rules: {timezone: Mars/Olympus}     | rules.timezone: 'Mars/Olympus'     | a time-zone id
            mqtt: {port: {a: 1}}                | mqtt.port                          | a single value, not a section
            telemetry: {spool: {maxBytes: 1KiB}} | telemetry.spool.maxBytes: '1KiB'  | a size from 1MiB to 4TiB
            telemetry: {spool: {maxBytes: 1GB}} | telemetry.spool.maxBytes: '1GB'    | written like 65536, 64KiB
            telemetry: {quarantine: {maxBytes: 0}} | telemetry.quarantine.maxBytes: '0' | a size from 1KiB to 1TiB
            """)
    void load_valueOutOfRange_failsNamingKeyValueAndRange(final String yaml, final String keyAndValue,
                                                          final String range) {
        // given a file with one value outside its range
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains(keyAndValue).contains(range);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            mqtt: {connectTimeout: 10 minutes}  | mqtt.connectTimeout: '10 minutes'  | at least 100ms
            mqtt: {connectTimeout: 50ms}        | mqtt.connectTimeout: '50ms'        | at least 100ms
            mqtt: {connectTimeout: -5s}         | mqtt.connectTimeout: '-5s'         | at least 100ms
            mqtt: {connectTimeout: 9999999999s} | mqtt.connectTimeout: '9999999999s' | at least 100ms
            ingest: {tick: 1.5s}                | ingest.tick: '1.5s'                | at least 10ms
            http: {headerTimeout: 50ms}         | http.headerTimeout: '50ms'         | at least 100ms
            http: {headerTimeout: ten}          | http.headerTimeout: 'ten'          | at least 100ms
            http: {idleTimeout: 0s}             | http.idleTimeout: '0s'             | at least 100ms
            http: {limits: {retryAfter: 500ms}} | http.limits.retryAfter: '500ms'    | at least 1s
            ingest: {tick: 5}                   | ingest.tick: '5'                   | at least 10ms
            telemetry: {maxDelay: 1w}           | telemetry.maxDelay: '1w'           | at least 0s
            telemetry: {spool: {slowWriteAfter: 0ms}} | telemetry.spool.slowWriteAfter: '0ms' | at least 1ms
            rules: {bin: {fullFor: 500ms}}      | rules.bin.fullFor: '500ms'         | at least 1s
            rules: {gate: {heldOpenFor: PT5M}}  | rules.gate.heldOpenFor: 'PT5M'     | at least 1s
            """)
    void load_badDuration_failsNamingKeyValueAndFormat(final String yaml, final String keyAndValue,
                                                       final String minimum) {
        // given
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains(keyAndValue).contains(minimum).contains("written like 500ms, 30s, 10m, 2h or 1d");
    }

    @Test
    void load_durationsInEveryUnit_areBound() throws Exception {
        // given
        final String yaml = """
                mqtt: {connectTimeout: 2m, maxFutureSkew: 0s}
                ingest: {tick: 250ms}
                telemetry: {maxDelay: 0ms}
                rules:
                  streetlight: {darkFor: 1h}
                  bin: {fullFor: 1d}
                  gate: {heldOpenFor: 45s}
                """;

        // when
        final GatewayConfig c = ConfigFolder.load(dir, yaml);

        // then
        assertThat(c.mqtt().connectTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.mqtt().maxFutureSkew()).isZero();
        assertThat(c.ingest().tick()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.telemetry().maxDelay()).isZero();
        assertThat(c.rules().lampDarkMillis()).isEqualTo(3_600_000L);
        assertThat(c.rules().binFullMillis()).isEqualTo(86_400_000L);
        assertThat(c.rules().gateHeldOpenMillis()).isEqualTo(45_000L);
    }

    @Test
    void load_spoolAndQuarantineSizes_areBoundInBinaryUnits() throws Exception {
        // given
        final String yaml = """
                telemetry:
                  spool: {maxBytes: 512MiB, slowWriteAfter: 250ms, maxRetryInterval: 2s}
                  quarantine: {maxBytes: 1048576}
                """;

        // when
        final GatewayConfig c = ConfigFolder.load(dir, yaml);

        // then
        assertThat(c.telemetry().spool()).isEqualTo(new GatewayConfig.Spool(512L << 20, Duration.ofMillis(250),
                Duration.ofSeconds(2)));
        assertThat(c.telemetry().quarantineMaxBytes()).isEqualTo(1L << 20);
    }

    @Test
    void load_envVariable_beatsTheFile() throws Exception {
        // given
        final Path file = ConfigFolder.gatewayYaml(dir, "mqtt: {port: 1883, receiveMaximum: 100}\n");
        final Map<String, String> env = Map.of("CP_MQTT_PORT", "1999", "CP_MQTT_RECEIVE_MAXIMUM", "50",
                "CP_ISSUES_JDBC_URL", "jdbc:h2:mem:x", "PATH", "/usr/bin", "CP_NOT_A_KEY", "ignored");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(file), Map.of(), env);

        // then
        assertThat(c.mqtt().port()).isEqualTo(1999);
        assertThat(c.mqtt().receiveMaximum()).isEqualTo(50);
        assertThat(c.issues().jdbcUrl()).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void load_overrideAndEnvVariable_overrideWins() throws Exception {
        // given file 1883, environment 1999, command line 2000
        final Path file = ConfigFolder.gatewayYaml(dir, "mqtt: {port: 1883}\nhttp: {port: 8080}\n");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(file),
                Map.of("mqtt.port", "2000", "dataDir", dir.resolve("data").toString()),
                Map.of("CP_MQTT_PORT", "1999", "CP_HTTP_PORT", "9090"));

        // then
        assertThat(c.mqtt().port()).isEqualTo(2000);
        assertThat(c.http().port()).isEqualTo(9090);
        assertThat(c.dataDir()).isEqualTo(dir.resolve("data"));
    }

    @Test
    void load_fileOnly_fileValueUsed() throws Exception {
        // given
        final Path file = ConfigFolder.gatewayYaml(dir, "mqtt: {port: 1884}\n");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(file), Map.of(), Map.of("CP_HTTP_PORT", "9090"));

        // then
        assertThat(c.mqtt().port()).isEqualTo(1884);
    }

    @Test
    void load_invalidEnvVariable_failsNamingTheKey() {
        // given
        final Path file = ConfigFolder.gatewayYaml(dir, "");

        // when
        final ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> GatewayConfigLoader.load(List.of(file), Map.of(), Map.of("CP_MQTT_PORT", "abc")));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("mqtt.port: 'abc'").contains("from 0 to 65535");
    }

    @Test
    void load_overlays_deepMergeWithTheLastOneWinning() throws Exception {
        // given a base file and two overlays that each change a little
        final Path base = ConfigFolder.gatewayYaml(dir, """
                mqtt: {port: 1883, connectTimeout: 30s, receiveMaximum: 500}
                rules:
                  bin: {fullPercent: 95, fullFor: 20m}
                  files: [a.drl]
                """);
        ConfigFolder.write(dir, "a.drl", "// rule a\n");
        ConfigFolder.write(dir, "b.drl", "// rule b\n");
        final Path first = ConfigFolder.write(dir, "first.yaml", """
                mqtt: {port: 1900}
                rules:
                  bin: {fullFor: 5m}
                  files: [b.drl]
                """);
        final Path second = ConfigFolder.write(dir, "second.yaml", "mqtt: {port: 1901}\n");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(base, first, second), Map.of(), Map.of());

        // then untouched keys of a section survive, changed ones take the last value, lists are replaced
        assertThat(c.mqtt().port()).isEqualTo(1901);
        assertThat(c.mqtt().connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.mqtt().receiveMaximum()).isEqualTo(500);
        assertThat(c.rules().binFullPercent()).isEqualTo(95.0);
        assertThat(c.rules().binFullMillis()).isEqualTo(5 * 60_000L);
        assertThat(c.ruleFiles()).containsExactly(dir.resolve("b.drl"));
    }

    @Test
    void load_envVariable_beatsOverlay() throws Exception {
        // given
        final Path base = ConfigFolder.gatewayYaml(dir, "mqtt: {port: 1883}\n");
        final Path overlay = ConfigFolder.write(dir, "overlay.yaml", "mqtt: {port: 1900}\n");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(base, overlay), Map.of(),
                Map.of("CP_MQTT_PORT", "1999"));

        // then
        assertThat(c.mqtt().port()).isEqualTo(1999);
    }

    @Test
    void load_unknownKeyInOverlay_failsNamingKeyAndOverlay() {
        // given
        final Path base = ConfigFolder.gatewayYaml(dir, "mqtt: {port: 1883}\n");
        final Path overlay = ConfigFolder.write(dir, "local.yaml", "mqtt: {portt: 1900}\n");

        // when
        final ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> GatewayConfigLoader.load(List.of(base, overlay), Map.of(), Map.of()));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("mqtt.portt").contains("local.yaml");
    }

    @Test
    void load_relativeFileInOverlayElsewhere_isResolvedAgainstTheOverlaysFolder() throws Exception {
        // given a base in one folder and an overlay in another that names a devices file next to itself
        // (GatewayConfigLoader javadoc: "Relative file names in a file are resolved against that file's folder")
        final Path base = ConfigFolder.gatewayYaml(dir.resolve("base"), "");
        final Path site = dir.resolve("site");
        ConfigFolder.write(site, "site-devices.yaml", "devices: []\n");
        final Path overlay = ConfigFolder.write(site, "site.yaml", "registry: {devices: site-devices.yaml}\n");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(base, overlay), Map.of(), Map.of());

        // then
        assertThat(c.devicesFile()).isEqualTo(site.resolve("site-devices.yaml"));
    }

    @Test
    void load_relativeReferencedFiles_areResolvedAgainstTheYamlFolder() throws Exception {
        // given files in a sub-folder of the configuration folder, not of the working directory
        ConfigFolder.write(dir.resolve("reg"), "d.yaml", "devices: []\n");
        ConfigFolder.write(dir.resolve("reg"), "c.yaml", "accounts: []\n");
        ConfigFolder.write(dir.resolve("rules"), "extra.drl", "// extra\n");
        final String yaml = """
                registry: {devices: reg/d.yaml, crews: reg/c.yaml}
                rules: {files: [rules/extra.drl]}
                """;

        // when
        final GatewayConfig c = ConfigFolder.load(dir, yaml);

        // then
        assertThat(c.devicesFile()).isEqualTo(dir.resolve("reg/d.yaml"));
        assertThat(c.crewsFile()).isEqualTo(dir.resolve("reg/c.yaml"));
        assertThat(c.ruleFiles()).containsExactly(dir.resolve("rules/extra.drl"));
    }

    @Test
    void load_missingDevicesFile_failsNamingRegistryDevicesAndThePath() throws Exception {
        // given the stubs, minus devices.yaml
        final Path file = ConfigFolder.gatewayYaml(dir, "");
        Files.delete(dir.resolve("devices.yaml"));

        // when
        final ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> GatewayConfigLoader.load(List.of(file), Map.of(), Map.of()));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("registry.devices").contains(dir.resolve("devices.yaml").toString())
                .contains("a readable file");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            registry: {crews: nowhere.yaml}  | registry.crews | nowhere.yaml
            governance: nowhere.yaml         | governance     | nowhere.yaml
            rules: {files: [nowhere.drl]}    | rules.files    | nowhere.drl
            """)
    void load_missingReferencedFile_failsNamingKeyAndFile(final String yaml, final String key, final String file) {
        // given
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains(key + ": '").contains(file);
    }

    @Test
    void load_defaultOnWindow_isEveningToMorning() throws Exception {
        // given no window configured
        // when
        final RuleParameters r = ConfigFolder.load(dir, "").rules();

        // then
        assertThat(r.lampOnFrom()).hasToString("18:00");
        assertThat(r.lampOnUntil()).hasToString("06:00");
    }

    @Test
    void load_onWindowWholeDay_isAlwaysOn() throws Exception {
        // given
        final String yaml = "rules: {timezone: UTC, streetlight: {onWindow: \"00:00-24:00\"}}\n";

        // when
        final RuleParameters r = ConfigFolder.load(dir, yaml).rules();

        // then
        assertThat(r.lampOnFrom()).hasToString("00:00");
        assertThat(r.lampOnUntil()).hasToString("00:00");
        for (final String at : List.of("2026-11-27T00:00:00Z", "2026-11-27T11:59:59Z", "2026-11-27T23:59:59Z")) {
            assertThat(r.lampScheduledOn(Instant.parse(at).toEpochMilli())).as(at).isTrue();
        }
    }

    @Test
    void load_onWindowUntilMidnight_endsAtMidnight() throws Exception {
        // given
        final String yaml = "rules: {timezone: UTC, streetlight: {onWindow: \"18:00-24:00\"}}\n";

        // when
        final RuleParameters r = ConfigFolder.load(dir, yaml).rules();

        // then
        assertThat(r.lampScheduledOn(Instant.parse("2026-11-27T23:59:00Z").toEpochMilli())).isTrue();
        assertThat(r.lampScheduledOn(Instant.parse("2026-11-28T00:30:00Z").toEpochMilli())).isFalse();
        assertThat(r.lampScheduledOn(Instant.parse("2026-11-27T17:59:00Z").toEpochMilli())).isFalse();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            25:00-06:00
            18:00
            18-06
            dusk-dawn
            24:00-06:00
            18:00-06:00-
            18:00-06:00-07:00
            """)
    void load_badOnWindow_failsNamingKeyAndValue(final String window) {
        // given
        final String yaml = "rules: {streetlight: {onWindow: \"" + window + "\"}}\n";

        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains("rules.streetlight.onWindow: '" + window + "'")
                .contains("a daily window written HH:MM-HH:MM");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            rules: {bin: {fullPercent: 80, fullClearPercent: 85}}              | rules.bin.fullClearPercent (85.0)
            rules: {device: {batteryLowPercent: 30, batteryClearPercent: 20}}  | rules.device.batteryClearPercent (20.0)
            rules: {bin: {fireCelsius: 60, fireClearCelsius: 65}}              | rules.bin.fireClearCelsius (65.0)
            """)
    void load_hysteresisInverted_failsNamingTheYamlKeys(final String yaml, final String detail) {
        // given a clear threshold on the wrong side of its raise threshold
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).startsWith("rules: ").contains(detail);
    }

    @Test
    void load_notYaml_failsNamingTheFile() {
        // given
        // when
        final String message = failureOf("mqtt: [unclosed\n");

        // then
        assertThat(message).contains("gateway.yaml").contains("not valid YAML");
    }

    @Test
    void load_topLevelList_failsAskingForAMapping() {
        // given
        // when
        final String message = failureOf("- mqtt\n- http\n");

        // then
        assertThat(message).contains("expected a YAML mapping");
    }

    @Test
    void load_missingConfigFile_failsNamingIt() {
        // given
        final Path missing = dir.resolve("absent.yaml");

        // when
        final ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> GatewayConfigLoader.load(List.of(missing), Map.of(), Map.of()));

        // then
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains(missing.toString());
    }
}
