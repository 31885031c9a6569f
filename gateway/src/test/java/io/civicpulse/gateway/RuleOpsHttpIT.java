// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.getAsSupervisor;
import static org.assertj.core.api.Assertions.assertThat;

/** The rule-ops, silence and alert routes of a real gateway, with the 4xx answers that name what was wrong. */
class RuleOpsHttpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    @TempDir
    static Path rulesDir;
    private static Gateway gateway;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("rules.operatorDir", rulesDir.toString()));
        // These routes need a signed-in user; the supervision centre may use all of them.
        final HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(uri("/api/auth/token"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"supervisor\",\"password\":"
                        + "\"supervision-demo\"}")).build(), HttpResponse.BodyHandlers.ofString());
        token = JSON.readTree(signIn.body()).get("token").asText();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void silences_createListDelete_andBadInputIs400() throws Exception {
        final Instant ends = Instant.now().plus(Duration.ofHours(2));
        final JsonNode created = post("/api/silences", "{\"area\":\"south\",\"category\":\"SL-01\",\"endsAt\":\""
                + ends + "\",\"author\":\"ops@lakeside\",\"comment\":\"relamping\"}", 201);
        final String id = created.get("id").asText();

        assertThat(getAsSupervisor(gateway, "/api/silences").json().findValuesAsText("id")).contains(id);
        assertThat(post("/api/silences", "{\"area\":\"south\",\"duration\":\"2h\"}", 400).get("error").asText())
                .contains("author");
        assertThat(post("/api/silences", "{\"author\":\"a\",\"duration\":\"2h\"}", 400).get("error").asText())
                .contains("at least one of deviceId, category, area, segment");
        assertThat(post("/api/silences", "{\"author\":\"a\",\"area\":\"x\",\"endsAt\":\"tomorrow\"}", 400)
                .get("error").asText()).contains("endsAt=tomorrow");
        assertThat(post("/api/silences", "not json", 400).get("error").asText()).contains("not JSON");
        assertThat(send("DELETE", "/api/silences/" + id, "").statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/api/silences/" + id, "").statusCode()).isEqualTo(404);
    }

    @Test
    void reload_badFile_is422WithFileLineAndGenerationStays() throws Exception {
        final Path bad = Files.writeString(rulesDir.resolve("bad.drl"),
                "package io.civicpulse.ops;\nrule \"x\" @version(\"1\")\nwhen\n    Nope( )\nthen\nend\n");
        try {
            final JsonNode status = post("/api/rules/reload", "", 422);
            assertThat(status.get("generation").asLong()).isEqualTo(1);
            assertThat(status.get("rejected").get(0).asText()).startsWith(bad + ":4: ");
        } finally {
            Files.delete(bad);
        }
    }

    @Test
    void replay_jsonlBody_listsWouldBeIssues_andBadLineIs400() throws Exception {
        final StringBuilder jsonl = new StringBuilder();
        for (int s = 0; s <= 4; s++) {
            jsonl.append("{\"community\":\"lakeside\",\"type\":\"bin\",\"device\":\"bin-001\",\"ts\":")
                    .append(1_795_777_200_000L + s * 1000L).append(",\"metrics\":{\"fill_pct\":97}}\n");
        }
        final JsonNode report = post("/api/rules/replay", jsonl.toString(), 200);
        assertThat(report.get("readings").asInt()).isEqualTo(5);
        assertThat(report.get("wouldOpen").findValuesAsText("category")).containsExactly("WB-01");

        assertThat(post("/api/rules/replay", "{\"community\":\"c\"}\n", 400).get("error").asText())
                .isEqualTo("replay body (JSONL): line 1: type is missing (a non-empty string)");
        assertThat(post("/api/rules/replay?shadow=true", "", 400).get("error").asText()).contains("shadow.drl");
    }

    @Test
    void alertsAndLedgers_answerAndNameBadParameters() throws Exception {
        assertThat(getAsSupervisor(gateway, "/api/deliveries").status()).isEqualTo(200);
        assertThat(getAsSupervisor(gateway, "/api/suppressed?reason=BOGUS").json().get("error").asText())
                .contains("reason=BOGUS").contains("SILENCED");
        assertThat(getAsSupervisor(gateway, "/api/suppressed?since=yesterday").json().get("error").asText())
                .contains("since=yesterday");
        assertThat(getAsSupervisor(gateway, "/api/suppressed?since=2026-11-28T00:00:00Z&until=2026-11-27T00:00:00Z")
                .json().get("error").asText()).contains("must be before until");
        assertThat(getAsSupervisor(gateway, "/api/rules/shadow?limit=10001").json().get("error").asText())
                .contains("limit=10001").contains("1 to 10000");
        assertThat(getAsSupervisor(gateway, "/api/rules/shadow?offset=-1").status()).isEqualTo(400);
        assertThat(getAsSupervisor(gateway, "/api/deliveries?status=LOST").json().get("error").asText())
                .contains("status=LOST").contains("DELIVERED");
        assertThat(getAsSupervisor(gateway, "/api/deliveries?body=nobody&since=0&limit=5").json()).isEmpty();
        assertThat(post("/api/alerts/AL-999/ack", "{\"by\":\"crew\"}", 404).get("error").asText())
                .contains("AL-999");
        assertThat(getAsSupervisor(gateway, "/api/rules").json().get("generation").asLong())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void eventStream_isServerSentEvents() throws Exception {
        // Browsers' EventSource sends this Accept header; Javalin answers SSE only to it.
        final HttpResponse<InputStream> r = HTTP.send(HttpRequest.newBuilder(uri("/api/events/stream?access_token="
                + token)).GET()
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(new String(in.readNBytes(11))).isEqualTo(": connected");
        }
    }

    private static JsonNode post(final String path, final String body, final int expected) throws Exception {
        final HttpResponse<String> r = send("POST", path, body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> send(final String method, final String path, final String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final String path) {
        return URI.create("http://" + gateway.httpAddress().getHostString() + ":" + gateway.httpAddress().getPort()
                + path);
    }
}
