// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.fleet.FaultSpec;
import io.civicpulse.simulators.fleet.FleetOptions;
import io.civicpulse.simulators.fleet.FleetRunner;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.registry.FleetShape;
import org.eclipse.paho.mqttv5.client.IMqttMessageListener;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.get;
import static io.civicpulse.gateway.testsupport.GatewayTestSupport.getAsSupervisor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path on embedded defaults: simulated devices over MQTT → ingest → rules → issue opened and routed →
 * alert on the crew's MQTT subscription → readings queryable over HTTP.
 */
class GatewayEndToEndIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private FleetRunner fleet;
    private MqttClient crew;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
    }

    @AfterEach
    void stopAll() throws Exception {
        if (fleet != null) {
            fleet.stop();
        }
        if (crew != null && crew.isConnected()) {
            crew.disconnect();
        }
        gateway.close();
    }

    @Test
    void binFire_opensRoutedIssue_alertsStreetOfficeCrew_andReadingsAreQueryable() throws Exception {
        // given: the street office's crew listens for its alerts
        final BlockingQueue<JsonNode> alerts = subscribeCrew("street-office", "street-demo",
                "cp/+/alerts/street-office");
        // when: a small fleet runs and one bin catches fire after a second
        fleet = startFleet(new FleetShape(GatewayTestSupport.FLEET_SEED, 2, 3, 1, GatewayTestSupport.COMMUNITY),
                FaultSpec.parse("bin-fire:1@1s"));
        final String burningBin = fleet.faultAssignments().get(0).deviceId();

        // then: a WB-03 issue for that bin is dispatched to the street office (GOVERNANCE.md §2.3)
        final JsonNode issue = await().atMost(Duration.ofSeconds(30)).until(
                () -> findIssue("WB-03", burningBin), java.util.Objects::nonNull);
        assertThat(issue.get("state").asText()).isEqualTo("DISPATCHED");
        assertThat(issue.get("leadBodyId").asText()).isEqualTo("street-office");
        assertThat(issue.get("routingClass").asText()).isEqualTo("MIXED");
        assertThat(issue.get("disposeDeadline").isNull()).isFalse();

        // and: the crew received the alert for that issue
        final String issueId = issue.get("id").asText();
        final JsonNode alert = pollAlertFor(alerts, issueId);
        assertThat(alert.get("category").asText()).isEqualTo("WB-03");
        assertThat(alert.get("deviceId").asText()).isEqualTo(burningBin);

        // and: the issue's timeline shows each step with the rule's evidence
        final GatewayTestSupport.Response detail = getAsSupervisor(gateway, "/api/issues/" + issueId);
        assertThat(detail.status()).isEqualTo(200);
        assertThat(detail.text()).contains("DISPATCHED").contains("street-office");

        // and: the bin's readings are in the time-series store
        final GatewayTestSupport.Response readings = get(gateway, "/api/devices/" + burningBin + "/readings");
        assertThat(readings.status()).isEqualTo(200);
        assertThat(readings.json().get("readings").size()).isGreaterThan(0);
        assertThat(readings.text()).contains("temperature_c").contains("fill_pct");
    }

    @Test
    void fullBin_isAutoHandledBySanitationContractor_andAlertsItsCrew() throws Exception {
        // given
        final BlockingQueue<JsonNode> alerts = subscribeCrew("sanitation-crew", "sanitation-demo",
                "cp/lakeside/alerts/sanitation-contractor");
        // when: one bin reports full for longer than rules.bin.fullFor (3 s here)
        fleet = startFleet(new FleetShape(GatewayTestSupport.FLEET_SEED, 1, 2, 1, GatewayTestSupport.COMMUNITY),
                FaultSpec.parse("bin-full:1@1s"));
        final String fullBin = fleet.faultAssignments().get(0).deviceId();

        // then: WB-01 is a routine matter the platform handles itself, with the contractor's work order
        final JsonNode issue = await().atMost(Duration.ofSeconds(30)).until(
                () -> findIssue("WB-01", fullBin), java.util.Objects::nonNull);
        assertThat(issue.get("state").asText()).isEqualTo("AUTO_HANDLING");
        assertThat(issue.get("leadBodyId").asText()).isEqualTo("sanitation-contractor");
        assertThat(pollAlertFor(alerts, issue.get("id").asText()).get("category").asText()).isEqualTo("WB-01");
        // and: repeats of the same anomaly never open a second issue for that bin
        assertThat(getAsSupervisor(gateway, "/api/issues?category=WB-01").json()).hasSize(1);
    }

    private FleetRunner startFleet(final FleetShape shape, final FaultSpec fault) throws InterruptedException {
        final FleetRunner runner = new FleetRunner(FleetOptions.builder()
                .endpoint(new MqttEndpoint("127.0.0.1", gateway.mqttAddress().getPort()))
                .protocol(MqttProtocol.V5).qos(1).shape(shape).interval(Duration.ofMillis(500))
                .nightWindow(NightWindow.parse("00:00-00:00")).fault(fault).build());
        runner.start();
        assertThat(runner.awaitConnected(Duration.ofSeconds(20))).as("fleet connected").isTrue();
        return runner;
    }

    private BlockingQueue<JsonNode> subscribeCrew(final String user, final String password, final String filter)
            throws Exception {
        final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        crew = new MqttClient(GatewayTestSupport.mqttUri(gateway), user + "-app", new MemoryPersistence());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(user);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        crew.connect(options);
        // The array form: Paho v5 1.2.5's subscribe(String, int, listener) recurses into itself forever.
        crew.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)},
                new IMqttMessageListener[] {(topic, message) -> received.add(JSON.readTree(payload(message)))});
        return received;
    }

    private static String payload(final MqttMessage message) {
        return new String(message.getPayload(), StandardCharsets.UTF_8);
    }

    private static JsonNode pollAlertFor(final BlockingQueue<JsonNode> alerts, final String issueId)
            throws InterruptedException {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            final JsonNode alert = alerts.poll(1, TimeUnit.SECONDS);
            if (alert != null && issueId.equals(alert.path("issueId").asText())) {
                return alert;
            }
        }
        throw new AssertionError("no alert for issue " + issueId + " within 20 s");
    }

    private JsonNode findIssue(final String category, final String deviceId) throws Exception {
        for (final JsonNode issue : getAsSupervisor(gateway, "/api/issues?category=" + category).json()) {
            if (deviceId.equals(issue.path("deviceId").asText())) {
                return issue;
            }
        }
        return null;
    }
}
