// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.get;
import static io.civicpulse.gateway.testsupport.GatewayTestSupport.getAsSupervisor;
import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP API's answers, including the 400s and 404s that name what was wrong. */
class HttpApiIT {
    @TempDir
    static Path dataDir;

    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void health_reportsUpAndTheMqttAddress() throws Exception {
        final GatewayTestSupport.Response r = get(gateway, "/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("UP");
        assertThat(r.json().get("mqtt").asText()).endsWith(":" + gateway.mqttAddress().getPort());
        assertThat(r.json().get("registeredDevices").asInt()).isEqualTo(110);
    }

    @Test
    void metrics_arePrometheusTextWithIngestLaneAndStoreMeters() throws Exception {
        final GatewayTestSupport.Response r = get(gateway, "/metrics");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("gateway_ingest_messages_total{outcome=\"accepted\"}")
                .contains("gateway_ingest_lane_queue_depth{lane=\"0\"}")
                .contains("gateway_rules_evaluation_duration_seconds")
                .contains("gateway_telemetry_write_duration_seconds");
    }

    @Test
    void issues_withUnknownState_is400NamingTheParameter() throws Exception {
        final GatewayTestSupport.Response r = getAsSupervisor(gateway, "/api/issues?state=BROKEN");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("state=BROKEN").contains("DISPATCHED");
    }

    @Test
    void issues_withLimitOutOfRange_is400() throws Exception {
        final GatewayTestSupport.Response r = getAsSupervisor(gateway, "/api/issues?limit=0");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("error").asText()).contains("limit=0");
    }

    @Test
    void issue_unknownId_is404() throws Exception {
        final GatewayTestSupport.Response r = getAsSupervisor(gateway, "/api/issues/SQ-1999-000001");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("error").asText()).contains("SQ-1999-000001");
    }

    @Test
    void readings_unknownDevice_is404() throws Exception {
        assertThat(get(gateway, "/api/devices/no-such-lamp/readings").status()).isEqualTo(404);
    }

    @Test
    void readings_badTimeOrInvertedRange_is400NamingTheParameter() throws Exception {
        final GatewayTestSupport.Response bad = get(gateway, "/api/devices/sl-001/readings?from=yesterday");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("error").asText()).contains("from=yesterday");
        final GatewayTestSupport.Response inverted = get(gateway,
                "/api/devices/sl-001/readings?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z");
        assertThat(inverted.status()).isEqualTo(400);
        assertThat(inverted.json().get("error").asText()).contains("must be before");
    }

    @Test
    void readings_ofADeviceThatNeverReported_isAnEmptyList() throws Exception {
        final GatewayTestSupport.Response r = get(gateway, "/api/devices/gate-010/readings");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("readings")).isEmpty();
        assertThat(r.json().get("device").get("type").asText()).isEqualTo("gate");
    }

    @Test
    void devices_listsTheRegistryWithoutSecrets() throws Exception {
        final GatewayTestSupport.Response r = get(gateway, "/api/devices");
        assertThat(r.json()).hasSize(110);
        assertThat(r.text()).doesNotContain("passwordHash").doesNotContain("$2a$");
    }
}
