// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.QuestDbTelemetryStore;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Reading;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The analysis routes on a real embedded QuestDB with known data around {@link #NOW} (12:00 UTC, 20:00 in the
 * rules' Asia/Shanghai zone, lamps scheduled on 18:00-06:00 local = 10:00-22:00 UTC).
 */
final class AnalysisFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    static final String HASH = "\"$2a$06$fT61Xi6Qu5XJhpdyGeIaB.Oca.7s5hJhSrIinnOWS.5g6yuRts5A2\"";

    final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Registry registry;
    private final QuestDbTelemetryStore store;
    private final QuestDbSql sql;
    private final Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    AnalysisFixture(final Path dir) throws Exception {
        registry = RegistryLoader.load(Files.writeString(dir.resolve("devices.yaml"), devices()),
                Files.writeString(dir.resolve("crews.yaml"), "accounts: []\n"));
        store = QuestDbTelemetryStore.start(dir, new SimpleMeterRegistry(),
                id -> registry.device(id).map(d -> d.area()).orElse(""), 0);
        store.write(readings());
        sql = store.sql();
        final AnalysisRoutes routes = new AnalysisRoutes(sql, registry, RuleParameters.defaults(),
                Clock.fixed(NOW, ZoneOffset.UTC));
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(json, false));
            routes.register(c);
        }).start("127.0.0.1", 0);
    }

    Registry registry() {
        return registry;
    }

    QuestDbTelemetryStore store() {
        return store;
    }

    QuestDbSql sql() {
        return sql;
    }

    HttpResponse<String> get(final String pathAndQuery, final String accept) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + app.port() + pathAndQuery));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows(final String pathAndQuery) throws Exception {
        final HttpResponse<String> response = get(pathAndQuery, null);
        if (response.statusCode() != 200) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return (List<Map<String, Object>>) json.readValue(response.body(), Map.class).get("rows");
    }

    /** @return devices.yaml of the fixture's devices */
    static String devices() {
        final StringBuilder y = new StringBuilder("devices:\n");
        for (final String[] d : new String[][] {{"bin-a", "bin", "600", ""}, {"bin-b", "bin", "600", ""},
                {"bin-c", "bin", "600", ""}, {"bin-d", "bin", "600", ""}, {"sl-1", "streetlight", "60", "seg-01"},
                {"sl-2", "streetlight", "60", "seg-01"}, {"g-1", "gate", "600", ""}}) {
            y.append("  - id: ").append(d[0]).append("\n    type: ").append(d[1])
                    .append("\n    community: lakeside\n    passwordHash: ").append(HASH)
                    .append("\n    intervalSeconds: ").append(d[2]).append("\n    area: north\n");
            if (!d[3].isEmpty()) {
                y.append("    segment: ").append(d[3]).append('\n');
            }
        }
        return y.toString();
    }

    /** The known data; see the test for what each device does. */
    static List<Reading> readings() {
        final List<Reading> r = new ArrayList<>();
        for (int k = 0; k < 18; k++) {
            final Instant t = NOW.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(10L * k));
            r.add(reading("bin", "bin-a", t, Map.of("fill_pct", 45.0 + 10.0 * k / 6.0, "battery_pct", 80.0)));
            r.add(reading("bin", "bin-b", t, Map.of("fill_pct", k < 6 ? 95.0 : 5.0, "battery_pct", 80.0)));
            r.add(reading("bin", "bin-c", t, Map.of("fill_pct", 92.0, "battery_pct", 80.0)));
        }
        for (int m = 0; m < 240; m++) {
            final Instant t = NOW.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(m));
            r.add(reading("streetlight", "sl-1", t, Map.of("lamp_current_a", 0.4, "power_w", 100.0)));
            r.add(reading("streetlight", "sl-2", t, Map.of("lamp_current_a", 0.0, "power_w", 0.0)));
        }
        for (int k = 0; k < 144; k++) {
            final Instant t = NOW.minus(Duration.ofHours(24)).plus(Duration.ofMinutes(10L * k));
            r.add(reading("gate", "g-1", t, Map.of("passes", 3.0, "door_open", 0.0)));
        }
        for (int m = 0; m < 120; m++) {
            final Instant t = NOW.minus(Duration.ofHours(3)).plus(Duration.ofMinutes(m)).plusSeconds(30);
            r.add(reading("gate", "g-1", t, Map.of("passes", 0.0, "door_open", m >= 60 && m < 68 ? 1.0 : 0.0)));
        }
        return r;
    }

    private static Reading reading(final String type, final String device, final Instant t,
                                   final Map<String, Double> metrics) {
        return new Reading("lakeside", type, device, t.toEpochMilli(), t.toEpochMilli(), metrics);
    }

    @Override
    public void close() {
        app.stop();
        sql.close();
        store.close();
    }
}
