// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.testsupport.InfluxDbContainer;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.storage.InfluxDbTelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStack;
import io.civicpulse.rules.engine.RuleParameters;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every analysis answer on a real InfluxDB 2.7 equals the embedded store's for the same data: {@link AnalysisFixture}'s
 * readings written through both stores' write path (line protocol, influxdb-client-java), then each endpoint asked of
 * both. Reported as skipped where Docker is missing (these build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class InfluxDbAnalysisIT {
    private static final String TOKEN = InfluxDbContainer.TOKEN;
    private static final String RANGE = "from=2026-03-20T08:00:00Z&to=2026-03-20T12:00:00Z";
    /** Every answer, with the parameters that change its queries (bucket sizes, device filter, windows). */
    private static final List<String> PATHS = List.of(
            "/api/analysis/devices/sl-1/history?" + RANGE + "&points=24",
            "/api/analysis/devices/g-1/history?from=2026-03-19T12:00:00Z&to=2026-03-20T12:00:00Z",
            "/api/analysis/devices/bin-a/history",
            "/api/analysis/bins",
            "/api/analysis/bins?window=2h",
            "/api/analysis/bins/collection?hours=2",
            "/api/analysis/bins/collection",
            "/api/analysis/streetlights?" + RANGE,
            "/api/analysis/streetlights?from=2026-03-17T12:00:00Z&to=2026-03-20T12:00:00Z",
            "/api/analysis/streetlights?from=2026-03-20T08:07:00Z&to=2026-03-20T11:33:00Z",
            // 10-minute buckets, the first cut by the range start: InfluxDB stamps it 08:05, QuestDB 08:00
            "/api/analysis/streetlights?from=2026-03-20T08:05:00Z&to=2026-03-22T10:00:00Z",
            "/api/analysis/streetlights/daytime?" + RANGE,
            "/api/analysis/streetlights/segments?" + RANGE,
            "/api/analysis/gates/traffic",
            "/api/analysis/gates/traffic?device=g-1",
            "/api/analysis/gates/traffic?device=nope",
            "/api/analysis/gates/held-open",
            "/api/analysis/gates/held-open?from=2026-03-20T10:03:00Z&to=2026-03-20T11:00:00Z",
            "/api/analysis/fleet",
            "/api/analysis/fleet?window=1h",
            "/api/analysis/fleet?silent=true");

    @Container
    private static final GenericContainer<?> INFLUX = InfluxDbContainer.create();

    @TempDir
    static Path dir;
    private static AnalysisFixture embedded;
    private static InfluxDbTelemetryStore influx;
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        embedded = new AnalysisFixture(dir);
        final Registry registry = embedded.registry();
        influx = new InfluxDbTelemetryStore("http://" + INFLUX.getHost() + ":" + INFLUX.getMappedPort(8086),
                TOKEN.toCharArray(), "city", "telemetry", id -> registry.device(id).map(Device::area).orElse(""));
        influx.write(AnalysisFixture.readings());
        final AnalysisRoutes routes = AnalysisRoutes.forStack(new TelemetryStack(influx, null, null, null), registry,
                RuleParameters.defaults(), Clock.fixed(AnalysisFixture.NOW, ZoneOffset.UTC));
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(embedded.json, false));
            routes.register(c);
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (influx != null) {
            influx.close();
        }
        if (embedded != null) {
            embedded.close();
        }
    }

    @Test
    void everyAnswer_onInfluxDb_equalsTheEmbeddedStoresAnswer() throws Exception {
        for (final String path : PATHS) {
            // when
            final Map<String, Object> expected = body(embedded.get(path, null), path);
            final Map<String, Object> actual = body(get(path, null), path);

            // then (history: InfluxDB lists the metric columns sorted, QuestDB in table order)
            if (path.contains("/history")) {
                assertThat(new HashSet<>(list(actual.remove("columns")))).as(path)
                        .isEqualTo(new HashSet<>(list(expected.remove("columns"))));
            }
            assertSame(path, expected, actual);
        }
    }

    @Test
    void answersOnInfluxDb_areTheKnownOnes_notJustEqualOnes() throws Exception {
        // when
        final List<Object> bins = list(body(get("/api/analysis/bins/collection?hours=2", null), "bins").get("rows"));
        final List<Object> open = list(body(get("/api/analysis/gates/held-open", null), "gates").get("rows"));
        final String csv = get("/api/analysis/gates/held-open", "text/csv").body();

        // then
        assertThat(bins.stream().map(r -> (Object) ((Map<?, ?>) r).get("device")).toList())
                .containsExactly("bin-c", "bin-a");
        assertThat(open).containsExactly(Map.of("device", "g-1", "open_minutes", 8, "held_open_minutes", 3,
                "held_open_episodes", 1, "longest_open_minutes", 8));
        assertThat(csv).isEqualTo("device,open_minutes,held_open_minutes,held_open_episodes,longest_open_minutes"
                + "\r\ng-1,8,3,1,8\r\n");
    }

    private static HttpResponse<String> get(final String path, final String accept) throws Exception {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(final HttpResponse<String> response, final String path)
            throws Exception {
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return embedded.json.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(final Object value) {
        return (List<Object>) value;
    }

    /** Equal JSON, numbers compared by value (a sum may round differently in the last bits). */
    private static void assertSame(final String at, final Object expected, final Object actual) {
        if (expected instanceof Number e && actual instanceof Number a) {
            assertThat(a.doubleValue()).as(at).isCloseTo(e.doubleValue(), within(1e-9));
        } else if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            assertThat(a.keySet()).as(at).isEqualTo(e.keySet());
            e.forEach((k, v) -> assertSame(at + "." + k, v, a.get(k)));
        } else if (expected instanceof List<?> e && actual instanceof List<?> a) {
            assertThat(a).as(at).hasSameSizeAs(e);
            for (int i = 0; i < e.size(); i++) {
                assertSame(at + "[" + i + "]", e.get(i), a.get(i));
            }
        } else {
            assertThat(actual).as(at).isEqualTo(expected);
        }
    }
}
