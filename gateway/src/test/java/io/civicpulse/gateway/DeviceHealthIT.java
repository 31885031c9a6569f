// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Device health over real MQTT on the gateway's own listener (port 0), with the default limits of
 * {@code config/gateway.yaml}: refused payloads of a registered device open a DV-04 maintenance issue, a connection
 * that keeps dropping opens one DV-05, both for platform-ops and never public.
 */
class DeviceHealthIT {
    @TempDir
    Path dataDir;

    private Gateway gateway;
    private final List<PahoV5Client> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
    }

    @AfterEach
    void stop() {
        clients.forEach(PahoV5Client::close);
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void invalidPayloads_threeFromARegisteredDevice_openOneDv04ForPlatformOps() throws Exception {
        // given a registered bin on the gateway's listener
        final PahoV5Client bin = device("bin-041");

        // when it publishes three payloads the gateway cannot read
        for (int i = 0; i < 3; i++) {
            publishRefused(bin, "cp/lakeside/bin/bin-041/telemetry", "{\"ts\": 17, \"metrics\": {}}");
        }

        // then one DV-04 issue, routed to platform operations, naming the last reason; none on the public list
        final JsonNode issue = awaitIssue("DV-04", "bin-041");
        assertThat(issue.get("leadBodyId").asText()).isEqualTo("platform-ops");
        assertThat(issue.get("routingClass").asText()).isEqualTo("ROUTINE_AUTO");
        assertThat(GatewayTestSupport.getAsSupervisor(gateway, "/api/issues/" + issue.get("id").asText()).text())
                .contains("3 payloads refused within 10 min; last: ");
        assertThat(issues("DV-04", "bin-041")).hasSize(1);
        assertThat(GatewayTestSupport.get(gateway, "/open311/v2/requests.json").text()).doesNotContain("DV-04");
    }

    @Test
    void connection_droppedFourTimesWithinTheWindow_opensOneDv05AndNoDv01PerDrop() throws Exception {
        // given a registered gate that connects, and reconnects after each drop
        final List<String> offline = new CopyOnWriteArrayList<>();
        gateway.deviceStatusListener((device, at) -> offline.add(device.id()));
        for (int drop = 1; drop <= 4; drop++) {
            final PahoV5Client gate = device("gate-004");

            // when its connection drops without DISCONNECT (the gateway publishes its will each time)
            gate.drop();
            final int drops = drop;
            await().atMost(Duration.ofSeconds(10)).until(() -> offline.size() == drops);
        }

        // then one DV-05 for platform operations; the first drop's DV-01 stays the only one (no reading since)
        final JsonNode issue = awaitIssue("DV-05", "gate-004");
        assertThat(issue.get("leadBodyId").asText()).isEqualTo("platform-ops");
        assertThat(GatewayTestSupport.getAsSupervisor(gateway, "/api/issues/" + issue.get("id").asText()).text())
                .contains("4 connection drops without DISCONNECT within");
        assertThat(issues("DV-05", "gate-004")).hasSize(1);
        assertThat(issues("DV-01", "gate-004")).hasSize(1);
    }

    private PahoV5Client device(final String id) throws Exception {
        final PahoV5Client c = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), id, o -> {
            o.setUserName(id);
            o.setPassword(secret(id).getBytes(StandardCharsets.UTF_8));
        });
        clients.add(c);
        return c;
    }

    /** MQTT 5: the refusal is a PUBACK with reason 0x99, which Paho reports either way. */
    private static void publishRefused(final PahoV5Client client, final String topic, final String payload)
            throws Exception {
        try {
            assertThat(client.publish(topic, payload, 1, false).getReasonCodes()).containsExactly(0x99);
        } catch (final MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(0x99);
        }
    }

    private JsonNode awaitIssue(final String category, final String deviceId) throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> !issues(category, deviceId).isEmpty());
        return issues(category, deviceId).get(0);
    }

    private List<JsonNode> issues(final String category, final String deviceId) throws Exception {
        final List<JsonNode> out = new ArrayList<>();
        for (final JsonNode i : GatewayTestSupport.getAsSupervisor(gateway, "/api/issues?category=" + category)
                .json()) {
            if (deviceId.equals(i.get("deviceId").asText())) {
                out.add(i);
            }
        }
        return out;
    }
}
