// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Binding of the bridge.* keys: defaults, every key, refusals that name the key, the password kept out of logs. */
class BridgeConfigTest {

    @TempDir
    Path dir;

    private String failureOf(final String yaml) {
        final ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFolder.load(dir, yaml));
        assertThat(e).as("configuration must be refused:%n%s", yaml).isNotNull();
        return e.getMessage();
    }

    @Test
    void load_sampleConfig_hasTheBridgeDisabledWithDocumentedDefaults() throws Exception {
        // given
        final Path sample = ConfigFolder.copySample(dir);

        // when
        final GatewayConfig.Bridge b = GatewayConfigLoader.load(List.of(sample), Map.of(), Map.of()).bridge();

        // then
        assertThat(b).isEqualTo(new GatewayConfig.Bridge(false, "tcp://127.0.0.1:1883", "civicpulse-1", "civicpulse",
                List.of("cp/+/+/+/telemetry"), "", "", Duration.ofHours(1), 1000, Duration.ofSeconds(30),
                Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofMinutes(1)));
    }

    @Test
    void load_everyKey_isBound() throws Exception {
        // given
        final String yaml = """
                bridge:
                  enabled: true
                  url: ssl://broker.example:8883
                  clientId: civicpulse-2
                  group: city-ingest
                  filters: [cp/+/+/+/telemetry, "application/+/device/+/event/up", "v3/#"]
                  username: gateway
                  password: s3cret
                  sessionExpiry: 2h
                  maxInflight: 500
                  keepAlive: 1m
                  connectTimeout: 5s
                  reconnectMinDelay: 250ms
                  reconnectMaxDelay: 30s
                """;

        // when
        final GatewayConfig.Bridge b = ConfigFolder.load(dir, yaml).bridge();

        // then
        assertThat(b).isEqualTo(new GatewayConfig.Bridge(true, "ssl://broker.example:8883", "civicpulse-2",
                "city-ingest", List.of("cp/+/+/+/telemetry", "application/+/device/+/event/up", "v3/#"), "gateway",
                "s3cret", Duration.ofHours(2), 500, Duration.ofMinutes(1), Duration.ofSeconds(5),
                Duration.ofMillis(250), Duration.ofSeconds(30)));
    }

    @Test
    void load_passwordFromEnvironment_isUsedAndNeverPrinted() throws Exception {
        // given
        final Path file = ConfigFolder.gatewayYaml(dir, "bridge: {enabled: true, username: gateway}\n");

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(file), Map.of(),
                Map.of("CP_BRIDGE_PASSWORD", "from-env", "CP_BRIDGE_CLIENT_ID", "civicpulse-7"));

        // then
        assertThat(c.bridge().password()).isEqualTo("from-env");
        assertThat(c.bridge().clientId()).isEqualTo("civicpulse-7");
        assertThat(c.toString()).doesNotContain("from-env").contains("password=<hidden>");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bridge: {enabled: yes please} | bridge.enabled: 'yes please' | true or false
            bridge: {url: 'http://127.0.0.1:1883'} | bridge.url: 'http://127.0.0.1:1883' | tcp://host:port
            bridge: {url: 'tcp://127.0.0.1'} | bridge.url: 'tcp://127.0.0.1' | tcp://host:port
            bridge: {url: 'tcp://u:p@127.0.0.1:1883'} | bridge.url: 'tcp://u:p@127.0.0.1:1883' | bridge.password
            bridge: {url: 'not a url'} | bridge.url: 'not a url' | tcp://host:port
            bridge: {clientId: 'two words'} | bridge.clientId: 'two words' | 1 to 128 letters
            bridge: {clientId: ''} | bridge.clientId: '' | 1 to 128 letters
            bridge: {group: 'a/b'} | bridge.group: 'a/b' | without '/', '+' or '#'
            bridge: {group: '+'} | bridge.group: '+' | share name
            bridge: {filters: []} | bridge.filters: '[]' | at least one topic filter
            bridge: {filters: ['cp/#/telemetry']} | bridge.filters[0]: 'cp/#/telemetry' | '#' comes last
            bridge: {filters: [cp/x, 'cp/a+/b']} | bridge.filters[1]: 'cp/a+/b' | whole level
            bridge: {filters: ['$share/g/cp/#']} | bridge.filters[0]: '$share/g/cp/#' | without the share prefix
            bridge: {filters: cp/#} | bridge.filters: | a list of strings
            bridge: {maxInflight: 0} | bridge.maxInflight: '0' | from 1 to 65535
            bridge: {maxInflight: 65536} | bridge.maxInflight: '65536' | from 1 to 65535
            bridge: {sessionExpiry: 0s} | bridge.sessionExpiry: '0s' | at least 1s
            bridge: {sessionExpiry: 50000d} | bridge.sessionExpiry: '50000d' | at most 4294967294s
            bridge: {keepAlive: 1d} | bridge.keepAlive: '1d' | at most 65535s
            bridge: {connectTimeout: 10} | bridge.connectTimeout: '10' | at least 1s
            bridge: {reconnectMinDelay: 5s, reconnectMaxDelay: 1s} | reconnectMaxDelay: '1s' | reconnectMinDelay (5s)
            """)
    void load_badBridgeValue_failsNamingKeyValueAndExpectation(final String yaml, final String keyAndValue,
                                                               final String expected) {
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains(keyAndValue).contains(expected).contains("gateway.yaml");
    }

    @Test
    void load_misspeltBridgeKey_isReportedAsUnknown() {
        // when
        final String message = failureOf("bridge: {filter: [cp/#]}\n");

        // then
        assertThat(message).contains("unknown configuration key bridge.filter");
    }
}
