// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance engine inside a whole gateway on the sample configuration with {@code clock.controllable: true}
 * and {@code clock.speed: 60}: the lab clock endpoints the scenario runner uses, and sign-in of the demo users.
 */
class GovernanceIT {
    @TempDir
    static Path dataDir;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("clock.controllable", "true", "clock.speed", "60"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void clock_advance_movesTheGatewayClockForward() throws Exception {
        final JsonNode before = get(gateway, "/api/clock").json();
        assertThat(before.get("speed").asDouble()).isEqualTo(60.0);
        assertThat(before.get("controllable").asBoolean()).isTrue();
        // when
        final HttpResponse<String> r = post("/api/clock/advance?by=P1D", "", null);
        // then
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        final Instant after = Instant.parse(JSON.readTree(r.body()).get("now").asText());
        assertThat(Duration.between(Instant.parse(before.get("now").asText()), after)).isGreaterThanOrEqualTo(
                Duration.ofDays(1));
        assertThat(post("/api/clock/advance?by=-PT1H", "", null).statusCode()).isEqualTo(400);
    }

    @Test
    void demoUsers_signIn_withRolesFromTheirBodies() throws Exception {
        final JsonNode supervisor = JSON.readTree(post("/api/auth/token",
                "{\"username\":\"supervisor\",\"password\":\"supervision-demo\"}", null).body());
        assertThat(supervisor.get("role").asText()).isEqualTo("SUPERVISION");
        final JsonNode crew = JSON.readTree(post("/api/auth/token",
                "{\"username\":\"lighting-crew\",\"password\":\"lighting-demo\"}", null).body());
        assertThat(crew.get("role").asText()).isEqualTo("DISTRICT");
        assertThat(get(gateway, "/api/supervision/issues").status()).isEqualTo(401);
        final HttpResponse<String> watch = HTTP.send(HttpRequest.newBuilder(uri("/api/supervision/issues"))
                .header("Authorization", "Bearer " + supervisor.get("token").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(watch.statusCode()).as(watch.body()).isEqualTo(200);
    }

    private static HttpResponse<String> post(final String path, final String body, final String token)
            throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(final String path) {
        return URI.create("http://127.0.0.1:" + gateway.httpAddress().getPort() + path);
    }
}
