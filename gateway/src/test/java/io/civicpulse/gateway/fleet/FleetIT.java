// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.FleetScenario;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/fleet} on an in-process gateway: devices made silent (connection dropped, DV-01 opened by the
 * rules and the issue workflow) and flapping (battery low and back, held by the anomaly gate) for real.
 */
class FleetIT {
    private static final String SILENT = "sl-005";
    private static final String FLAPPING = "bin-010";
    private static final String CONNECTED = "gate-004";

    @TempDir
    static Path dataDir;
    private static Gateway gateway;
    private static FleetScenario scenario;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, FleetScenario.OVERRIDES);
        scenario = FleetScenario.on(gateway);
        scenario.keepConnected(CONNECTED, "gate");
        scenario.makeSilent(SILENT, "streetlight");
        scenario.makeFlapping(FLAPPING, "bin", 3);
    }

    @AfterAll
    static void stop() {
        scenario.close();
        gateway.close();
    }

    @Test
    void fleet_flagsExactlyTheSilentAndTheFlappingDevice_fromTheirIssuesAndTheGate() throws Exception {
        // when
        final JsonNode fleet = scenario.get("/api/fleet").json();

        // then: every registered device is listed, the flagged ones first
        final List<JsonNode> devices = list(fleet.get("devices"));
        assertThat(devices).hasSize(110);
        assertThat(devices.subList(0, 2)).extracting(d -> d.get("id").asText()).containsExactly(SILENT, FLAPPING);
        assertThat(ids(devices, "silent")).containsExactly(SILENT);
        assertThat(ids(devices, "flapping")).containsExactly(FLAPPING);
        assertThat(ids(devices, "batteryLow")).containsExactly(FLAPPING);
        assertThat(fleet.get("counts").get("ok").asInt()).isEqualTo(108);

        // and the silent flag names the DV-01 issue the workflow opened
        final JsonNode silent = devices.get(0);
        final String dv01 = scenario.openIssue(SILENT, "DV-01");
        assertThat(silent.get("status").asText()).isEqualTo("silent");
        assertThat(silent.get("issues").findValuesAsText("id")).containsExactly(dv01);
        assertThat(silent.get("reasons").get(0).asText()).startsWith("DV-01 open: " + dv01);
        assertThat(silent.get("connected").asBoolean()).isFalse();
        assertThat(silent.get("lastSeen").isNull()).isFalse();

        // and the flapping one names the gate's verdict and its open DV-02
        final JsonNode flapping = devices.get(1);
        assertThat(flapping.get("status").asText()).isEqualTo("flapping");
        assertThat(text(flapping.get("reasons"))).contains("DV-02 flapping: raised 3 times");
        assertThat(flapping.get("issues").findValuesAsText("category")).containsExactly("DV-02");
    }

    @Test
    void fleet_connectedAndLastSeen_comeFromTheListenerAndTheReadings() throws Exception {
        final List<JsonNode> devices = list(scenario.get("/api/fleet").json().get("devices"));

        assertThat(devices.stream().filter(d -> d.get("connected").asBoolean()).map(d -> d.get("id").asText()))
                .containsExactly(CONNECTED);
        assertThat(devices.stream().filter(d -> !d.get("lastSeen").isNull()).map(d -> d.get("id").asText()))
                .containsExactlyInAnyOrder(CONNECTED, SILENT, FLAPPING);
        final JsonNode lamp = devices.stream().filter(d -> "sl-001".equals(d.get("id").asText())).findFirst()
                .orElseThrow();
        assertThat(lamp.get("type").asText()).isEqualTo("streetlight");
        assertThat(lamp.get("area").asText()).isNotEmpty();
        assertThat(lamp.get("lat").isNumber() && lamp.get("lon").isNumber()).isTrue();
        assertThat(lamp.get("status").asText()).isEqualTo("ok");
    }

    @Test
    void fleet_filtersByStatusAreaAndType() throws Exception {
        assertThat(ids(list(scenario.get("/api/fleet?status=silent").json().get("devices")), null))
                .containsExactly(SILENT);
        assertThat(ids(list(scenario.get("/api/fleet?status=silent,flapping").json().get("devices")), null))
                .containsExactly(SILENT, FLAPPING);
        assertThat(list(scenario.get("/api/fleet?status=ok").json().get("devices"))).hasSize(108);
        final List<JsonNode> south = list(scenario.get("/api/fleet?area=south").json().get("devices"));
        assertThat(south).isNotEmpty().allMatch(d -> "south".equals(d.get("area").asText()));
        assertThat(list(scenario.get("/api/fleet?type=gate&status=ok").json().get("devices")))
                .hasSize(10).allMatch(d -> "gate".equals(d.get("type").asText()));
    }

    @Test
    void fleet_badParameters_are400sNamingThem_andATokenIsNeeded() throws Exception {
        assertBad("/api/fleet?status=broken", "status=broken", "silent, flapping, batteryLow, ok");
        assertBad("/api/fleet?area=mars", "area=mars", "south");
        assertBad("/api/fleet?type=kiosk", "type=kiosk", "streetlight");
        assertBad("/api/fleet?stauts=silent", "unknown parameter stauts", "status, area and type");
        assertThat(GatewayTestSupport.get(gateway, "/api/fleet").status()).isEqualTo(401);
    }

    private static void assertBad(final String path, final String... parts) throws Exception {
        final GatewayTestSupport.Response r = scenario.get(path);
        assertThat(r.status()).as(path).isEqualTo(400);
        assertThat(r.json().get("error").asText()).as(path).contains(parts);
    }

    private static List<JsonNode> list(final JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }

    private static List<String> ids(final List<JsonNode> devices, final String flag) {
        return devices.stream().filter(d -> flag == null || d.get(flag).asBoolean()).map(d -> d.get("id").asText())
                .toList();
    }

    private static String text(final JsonNode array) {
        return String.join(" | ", list(array).stream().map(JsonNode::asText).toList());
    }
}
