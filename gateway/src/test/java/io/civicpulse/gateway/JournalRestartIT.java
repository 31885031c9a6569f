// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import io.civicpulse.gateway.testsupport.PostgresSchema;
import io.civicpulse.gateway.testsupport.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.getAsSupervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A suppression, a shadow verdict and a webhook delivery survive a gateway restart: a first gateway records them,
 * stops, and a second one on the same database lists them over HTTP. On the embedded H2 and on the real PostgreSQL
 * (skipped with a message naming PostgreSQL when it does not answer).
 */
class JournalRestartIT {
    private static final String SILENCED_BIN = "bin-002";
    private static final String ALERTED_BIN = "bin-001";
    private static final String SHADOW_RULE = String.join("\n",
            "package io.civicpulse.ops;",
            "import io.civicpulse.rules.model.ActiveAnomaly;",
            "import io.civicpulse.rules.model.Reading;",
            "global io.civicpulse.rules.engine.AnomalyListener anomalies;",
            "rule \"WB-01 bin half full\" @version(\"1\")",
            "when",
            "    $r : Reading( deviceType == \"bin\", has(\"fill_pct\"), value(\"fill_pct\") >= 50.0 )",
            "then",
            "    anomalies.onAnomaly( ActiveAnomaly.of( $r, \"WB-01\" ).raised( drools.getRule().getName(), "
                    + "\"fill_pct >= 50 (candidate)\" ) );",
            "end", "");

    @TempDir
    Path dir;
    private Gateway gateway;
    private PostgresSchema schema;

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        if (schema != null) {
            schema.close();
        }
    }

    @Test
    void restart_onEmbeddedH2_keepsSuppressionShadowVerdictAndDelivery() throws Exception {
        recordThenRestart(Map.of());
    }

    @Test
    void restart_onPostgres_keepsSuppressionShadowVerdictAndDelivery() throws Exception {
        schema = PostgresSchema.createOrAbort();
        recordThenRestart(Map.of("issues.jdbcUrl", schema.jdbcUrl(), "issues.user", PostgresSchema.USER));
    }

    private void recordThenRestart(final Map<String, String> database) throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(200)) {
            final Path rules = Files.createDirectories(dir.resolve("rules"));
            Files.writeString(rules.resolve("half-full.shadow.drl"), SHADOW_RULE);
            final Path overlay = Files.writeString(dir.resolve("webhook.yaml"), "alerts:\n  webhooks:\n"
                    + "    - {body: sanitation-contractor, url: \"" + receiver.url() + "\", secret: "
                    + "\"journal-restart-it-secret\"}\n");
            final Map<String, String> overrides = new HashMap<>(database);
            overrides.put("rules.operatorDir", rules.toString());
            final Path data = dir.resolve("data");

            // given: a first run with a silence on one bin, both bins full, and a webhook for the contractor
            gateway = GatewayTestSupport.startGateway(data, List.of(overlay), overrides);
            assertThat(GatewayTestSupport.postAsSupervisor(gateway, "/api/silences", "{\"deviceId\":\""
                    + SILENCED_BIN + "\",\"duration\":\"2h\",\"author\":\"it\"}").status()).isEqualTo(201);
            final Logs before = publishUntilRecorded();
            gateway.close();
            gateway = null;

            // when: a second gateway starts on the same database
            gateway = GatewayTestSupport.startGateway(data, List.of(overlay), overrides);

            // then: the three logs answer with what the first run recorded
            final Logs after = logs();
            assertThat(after.suppressed()).contains(before.suppressed().get(0));
            assertThat(before.suppressed().get(0).get("anomaly").get("category").asText()).isEqualTo("WB-01");
            assertThat(after.shadow()).contains(before.shadow().get(0));
            assertThat(before.shadow().get(0).get("anomaly").get("ruleId").asText())
                    .isEqualTo("WB-01 bin half full@1");
            assertThat(after.deliveries()).contains(before.deliveries().get(0));
            // and: the silenced bin opened no issue
            assertThat(getAsSupervisor(gateway, "/api/issues?category=WB-01").json().findValuesAsText("deviceId"))
                    .doesNotContain(SILENCED_BIN);
        }
    }

    /** What the three routes list. */
    private record Logs(List<JsonNode> suppressed, List<JsonNode> shadow, List<JsonNode> deliveries) {
        boolean complete() {
            return !suppressed.isEmpty() && !shadow.isEmpty() && !deliveries.isEmpty();
        }
    }

    private Logs logs() throws Exception {
        return new Logs(listed("/api/suppressed?device=" + SILENCED_BIN + "&reason=SILENCED"),
                listed("/api/rules/shadow?device=" + ALERTED_BIN + "&category=WB-01"),
                listed("/api/deliveries?body=sanitation-contractor&status=DELIVERED"));
    }

    /** @return the logs of the first run once each has a row */
    private Logs publishUntilRecorded() throws Exception {
        try (PahoV5Client silenced = GatewayTestSupport.connectDevice(gateway, SILENCED_BIN);
             PahoV5Client alerted = GatewayTestSupport.connectDevice(gateway, ALERTED_BIN)) {
            final long[] seq = {0};
            return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
                seq[0]++;
                GatewayTestSupport.publishBinFill(silenced, SILENCED_BIN, seq[0], 97);
                GatewayTestSupport.publishBinFill(alerted, ALERTED_BIN, seq[0], 97);
                return logs();
            }, Logs::complete);
        }
    }

    private List<JsonNode> listed(final String path) throws Exception {
        final GatewayTestSupport.Response r = getAsSupervisor(gateway, path);
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        final List<JsonNode> rows = new ArrayList<>();
        r.json().forEach(rows::add);
        return rows;
    }
}
