// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.influxdb.query.FluxRecord;
import com.influxdb.query.FluxTable;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.rules.engine.RuleParameters;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.civicpulse.gateway.analysis.AnalysisFixture.NOW;
import static io.civicpulse.gateway.analysis.FluxTables.perDevice;
import static io.civicpulse.gateway.analysis.FluxTables.point;
import static io.civicpulse.gateway.analysis.FluxTables.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analysis answers on InfluxDB, from the result tables InfluxDB gives for {@link AnalysisFixture}'s data (built
 * here in memory, per Flux query): the same answers {@link AnalysisRoutesTest} asserts on the embedded store. What a
 * real InfluxDB 2.7 answers to the Flux is checked by {@code InfluxDbAnalysisIT} where Docker runs.
 */
class AnalysisRoutesInfluxDbTest {
    @TempDir
    static Path dir;
    private static final List<String> QUERIES = new CopyOnWriteArrayList<>();
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static Javalin app;

    @BeforeAll
    static void start() throws Exception {
        final Registry registry = RegistryLoader.load(Files.writeString(dir.resolve("devices.yaml"),
                AnalysisFixture.devices()), Files.writeString(dir.resolve("crews.yaml"), "accounts: []\n"));
        final AnalysisRoutes routes = new AnalysisRoutes((device, from, to, bucket) -> {
            throw new AssertionError("history is InfluxDbHistoryIT's");
        }, new InfluxDbAnalysisQueries(AnalysisRoutesInfluxDbTest::answer, "telemetry"), registry,
                RuleParameters.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            c.jsonMapper(new JavalinJackson(JSON, false));
            routes.register(c);
        }).start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void bins_currentFillRateAndTimeToFull() throws Exception {
        // when
        final Map<String, Map<String, Object>> bins = byDevice(rows("/api/analysis/bins"));

        // then as on the embedded store
        assertThat((Double) bins.get("bin-a").get("fill_rate_pct_per_hour")).isCloseTo(10.0, within(0.01));
        assertThat((Double) bins.get("bin-a").get("fill_pct")).isCloseTo(73.33, within(0.01));
        assertThat(bins.get("bin-a").get("full_at")).isEqualTo("2026-03-20T13:30:00Z");
        assertThat(bins.get("bin-b")).containsEntry("fill_pct", 5.0).containsEntry("fill_rate_pct_per_hour", 0.0)
                .containsEntry("full_at", null);
        assertThat(bins.get("bin-c")).containsEntry("hours_to_full", 0.0);
        assertThat(bins.get("bin-d")).containsEntry("fill_pct", null).containsEntry("measured_at", null);
        assertThat(rows("/api/analysis/bins/collection?hours=2")).extracting(r -> r.get("device"))
                .containsExactly("bin-c", "bin-a");
    }

    @Test
    void streetlights_burnHoursEnergyDarkAndDaytimeMinutes() throws Exception {
        // when
        final String range = "?from=2026-03-20T08:00:00Z&to=2026-03-20T12:00:00Z";
        final Map<String, Map<String, Object>> lamps = byDevice(rows("/api/analysis/streetlights" + range));

        // then
        assertThat(lamps.get("sl-1")).containsEntry("burn_hours", 4.0).containsEntry("energy_kwh", 0.4)
                .containsEntry("dark_minutes", 0.0).containsEntry("daytime_burn_minutes", 120.0)
                .containsEntry("segment", "seg-01");
        assertThat(lamps.get("sl-2")).containsEntry("burn_hours", 0.0).containsEntry("dark_minutes", 120.0);
        assertThat(rows("/api/analysis/streetlights/segments" + range)).containsExactly(Map.of("segment", "seg-01",
                "lamps", 2, "dark_minutes", 120.0, "daytime_burn_minutes", 120.0, "energy_kwh", 0.4));
        assertThat(QUERIES).anySatisfy(q -> assertThat(q).contains("aggregateWindow(every: 60s, fn: mean"));
    }

    @Test
    void gates_trafficPerHourOfDayAndHeldOpenMinutes() throws Exception {
        // when
        final List<Map<String, Object>> traffic = rows("/api/analysis/gates/traffic");
        final List<Map<String, Object>> heldOpen = rows("/api/analysis/gates/held-open");

        // then
        assertThat(traffic).hasSize(24).allSatisfy(r -> assertThat(r).containsEntry("passes", 18)
                .containsEntry("mean_passes_per_hour", 18.0));
        assertThat(heldOpen).containsExactly(Map.of("device", "g-1", "open_minutes", 8, "held_open_minutes", 3,
                "held_open_episodes", 1, "longest_open_minutes", 8));
    }

    @Test
    void gatesTraffic_deviceFromTheRequest_goesIntoFluxEscaped() throws Exception {
        // when
        rows("/api/analysis/gates/traffic?device=" + URLEncoder.encode("g-1\" or true or \"", StandardCharsets.UTF_8));

        // then
        assertThat(QUERIES).anySatisfy(q -> assertThat(q).contains("r.device == \"g-1\\\" or true or \\\"\")"));
    }

    @Test
    void fleet_lastSeenUptimeAndSilentDevices() throws Exception {
        // when
        final Map<String, Map<String, Object>> fleet = byDevice(rows("/api/analysis/fleet?window=1h"));

        // then
        assertThat(fleet.get("sl-1")).containsEntry("last_seen", "2026-03-20T11:59:00Z")
                .containsEntry("readings", 60).containsEntry("uptime_pct", 100.0).containsEntry("silent", false);
        assertThat(fleet.get("bin-a")).containsEntry("readings", 6).containsEntry("silent", false);
        assertThat(fleet.get("bin-d")).containsEntry("last_seen", null).containsEntry("silent", true);
        assertThat(rows("/api/analysis/fleet?silent=true")).extracting(r -> r.get("device"))
                .containsExactly("bin-d");
    }

    @Test
    void csvAndBadParameters_asOnTheEmbeddedStore() throws Exception {
        // when / then
        assertThat(get("/api/analysis/gates/held-open?format=csv").body()).isEqualTo("device,open_minutes,"
                + "held_open_minutes,held_open_episodes,longest_open_minutes\r\ng-1,8,3,1,8\r\n");
        final HttpResponse<String> bad = get("/api/analysis/bins?window=forever");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("window=forever");
    }

    /** What InfluxDB answers to each query, for the fixture's data (see AnalysisFixture). */
    private static List<FluxTable> answer(final String flux) {
        QUERIES.add(flux);
        final boolean last = flux.endsWith("|> last()");
        if (flux.contains("r._measurement == \"bin\"")) {
            return last ? binLatest(flux.contains("fill_pct")) : flux.contains("count()")
                    ? List.of(table(List.of(perDevice("bin-a", 6L), perDevice("bin-b", 6L), perDevice("bin-c", 6L))))
                    : binMeans();
        }
        if (flux.contains("r._measurement == \"streetlight\"")) {
            return last ? List.of(table(List.of(point("streetlight", "sl-1", "north", "power_w",
                    NOW.minusSeconds(120), 100.0))), table(List.of(point("streetlight", "sl-1", "north",
                    "lamp_current_a", NOW.minusSeconds(60), 0.4))), table(List.of(point("streetlight", "sl-2",
                    "north", "lamp_current_a", NOW.minusSeconds(60), 0.0))))
                    : flux.contains("count()") ? List.of(table(List.of(perDevice("sl-1", 60L))),
                    table(List.of(perDevice("sl-2", 60L)))) : lampMeans(flux.contains("lamp_current_a"));
        }
        if (flux.contains("r._measurement == \"gate\"")) {
            if (last) {
                return List.of(table(List.of(point("gate", "g-1", "north", "passes", NOW.minusSeconds(30), 0L))));
            }
            return flux.contains("fn: sum") ? hourlyPasses() : flux.contains("fn: max") ? doorOpen()
                    : List.of(table(List.of(perDevice("g-1", 66L))));
        }
        return List.of();
    }

    private static List<FluxTable> binLatest(final boolean fill) {
        final Instant at = NOW.minus(Duration.ofMinutes(10));
        return List.of(table(List.of(point("bin", "bin-a", "north", "fill_pct", at, 45.0 + 10.0 * 17 / 6.0),
                point("bin", "bin-b", "north", "fill_pct", at, 5.0), point("bin", "bin-c", "north", "fill_pct", at,
                        92.0))), table(fill ? List.of() : List.of(point("bin", "bin-a", "north", "battery_pct", at,
                80.0))));
    }

    private static List<FluxTable> binMeans() {
        final List<FluxTable> tables = new ArrayList<>();
        for (final String bin : List.of("bin-a", "bin-b", "bin-c")) {
            final List<FluxRecord> records = new ArrayList<>();
            for (int k = 0; k < 18; k++) {
                final double fill = switch (bin) {
                    case "bin-a" -> 45.0 + 10.0 * k / 6.0;
                    case "bin-b" -> k < 6 ? 95.0 : 5.0;
                    default -> 92.0;
                };
                records.add(point("bin", bin, "north", "fill_pct", NOW.minus(Duration.ofHours(3))
                        .plus(Duration.ofMinutes(10L * k)), fill));
            }
            tables.add(table(records));
        }
        return tables;
    }

    /** 1-minute means over 08:00-12:00: sl-1 lit (0.4 A, 100 W), sl-2 dark (0 A, 0 W). */
    private static List<FluxTable> lampMeans(final boolean current) {
        final List<FluxTable> tables = new ArrayList<>();
        for (final String lamp : List.of("sl-1", "sl-2")) {
            final double lit = current ? 0.4 : 100.0;
            final List<FluxRecord> records = new ArrayList<>();
            for (int m = 0; m < 240; m++) {
                records.add(point("streetlight", lamp, "north", current ? "lamp_current_a" : "power_w",
                        NOW.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(m)), "sl-1".equals(lamp) ? lit : 0.0));
            }
            tables.add(table(records));
        }
        return tables;
    }

    private static List<FluxTable> hourlyPasses() {
        final List<FluxRecord> records = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            records.add(point("gate", "g-1", "north", "passes", NOW.minus(Duration.ofHours(24 - h)), 18L));
        }
        return List.of(table(records));
    }

    private static List<FluxTable> doorOpen() {
        final List<FluxRecord> records = new ArrayList<>();
        for (int m = 0; m < 120; m++) {
            records.add(point("gate", "g-1", "north", "door_open", NOW.minus(Duration.ofHours(3))
                    .plus(Duration.ofMinutes(m)), m >= 60 && m < 68 ? 1L : 0L));
        }
        return List.of(table(records));
    }

    private static HttpResponse<String> get(final String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(final String path) throws Exception {
        final HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) JSON.readValue(response.body(), Map.class).get("rows");
    }

    private static Map<String, Map<String, Object>> byDevice(final List<Map<String, Object>> rows) {
        final Map<String, Map<String, Object>> m = new TreeMap<>();
        rows.forEach(r -> m.put((String) r.get("device"), r));
        return m;
    }
}
