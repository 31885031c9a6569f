// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryStoreConfigTest {
    private static final String INFLUX = "telemetry:\n  store: influxdb\n  influxdb:\n    url: http://influx:8086\n"
            + "    org: city\n    bucket: readings\n";

    @TempDir
    Path dir;

    @Test
    void load_noStoreKeys_embeddedQuestDbWithDefaultRetention() throws Exception {
        // when
        final TelemetryStoreConfig c = ConfigFolder.load(dir, "mqtt:\n  port: 0\n").telemetryStore();

        // then
        assertThat(c.backend()).isEqualTo(TelemetryStoreConfig.Backend.QUESTDB);
        assertThat(c.influxDb()).isNull();
        assertThat(c.retention()).isEqualTo(new TelemetryStoreConfig.Retention(true, Duration.ofDays(30),
                Duration.ofDays(365), Duration.ofHours(1)));
    }

    @Test
    void load_influxDbWithTokenFromEnvironment_usesIt() throws Exception {
        // when
        final TelemetryStoreConfig c = GatewayConfigLoader.load(List.of(ConfigFolder.gatewayYaml(dir, INFLUX)),
                Map.of(), Map.of("CP_INFLUXDB_TOKEN", "s3cret")).telemetryStore();

        // then
        assertThat(c.backend()).isEqualTo(TelemetryStoreConfig.Backend.INFLUXDB);
        assertThat(c.influxDb().url()).isEqualTo("http://influx:8086");
        assertThat(c.influxDb().org()).isEqualTo("city");
        assertThat(c.influxDb().bucket()).isEqualTo("readings");
        assertThat(c.influxDb().token()).isEqualTo("s3cret");
        assertThat(c.influxDb().toString()).doesNotContain("s3cret").contains("env CP_INFLUXDB_TOKEN");
    }

    @Test
    void load_influxDbWithTokenFile_readsIt() throws Exception {
        // given
        Files.writeString(dir.resolve("influx.token"), "from-file\n");

        // when
        final TelemetryStoreConfig c = ConfigFolder.load(dir, INFLUX + "    tokenFile: influx.token\n")
                .telemetryStore();

        // then
        assertThat(c.influxDb().token()).isEqualTo("from-file");
    }

    @Test
    void load_plainTokenInYaml_isRefusedNamingTheKeyWithoutEchoingIt() {
        // when / then: also while the embedded store is used
        assertThatThrownBy(() -> ConfigFolder.load(dir, "telemetry:\n  influxdb:\n    token: abc123\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("telemetry.influxdb.token")
                .hasMessageContaining("CP_INFLUXDB_TOKEN").hasMessageNotContaining("abc123");
    }

    @Test
    void load_influxDbWithoutToken_isRefusedNamingWhereToPutIt() {
        // when / then
        assertThatThrownBy(() -> ConfigFolder.load(dir, INFLUX)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("telemetry.influxdb.tokenEnv").hasMessageContaining("tokenFile");
    }

    @Test
    void load_badStoreUrlOrRetention_isRefusedNamingTheKey() {
        // when / then
        assertThatThrownBy(() -> ConfigFolder.load(dir, "telemetry:\n  store: mongodb\n"))
                .hasMessageContaining("telemetry.store").hasMessageContaining("mongodb");
        assertThatThrownBy(() -> GatewayConfigLoader.load(List.of(ConfigFolder.gatewayYaml(dir,
                INFLUX.replace("http://influx:8086", "influx:8086"))), Map.of(), Map.of("CP_INFLUXDB_TOKEN", "t")))
                .hasMessageContaining("telemetry.influxdb.url");
        assertThatThrownBy(() -> ConfigFolder.load(dir, "telemetry:\n  retention:\n    raw: 1h\n"))
                .hasMessageContaining("telemetry.retention.raw");
    }
}
