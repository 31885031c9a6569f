// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.escalation.ControllableClock;
import io.civicpulse.gateway.escalation.GovernanceRuntime;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.issues.IssueDatabase;
import io.civicpulse.gateway.issues.IssueQuery;
import io.civicpulse.gateway.issues.IssueService;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The governance HTTP routes over the shipped configuration (config/governance.yaml, config/crews.yaml with the
 * demo users) on an embedded H2 database and an in-process Javalin on an ephemeral port.
 */
class GovernanceRoutesTest {
    private static final Instant MONDAY_10 = Instant.parse("2026-03-02T02:00:00Z");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ControllableClock clock = new ControllableClock(MONDAY_10, 1, () -> 0L);
    private IssueDatabase db;
    private IssueService issues;
    private GovernanceRuntime runtime;
    private Javalin app;
    private String base;

    @BeforeEach
    void start() throws Exception {
        final GovernancePolicy policy = GovernancePolicy.loadDefaults();
        final Registry registry = RegistryLoader.load(copy("devices.yaml"), copy("crews.yaml"));
        db = IssueDatabase.open(IssueDatabase.embeddedUrl(dir), "sa", "");
        final JdbcIssueStore store = new JdbcIssueStore(db.dataSource());
        runtime = new GovernanceRuntime(store, db.dataSource(), policy, registry, (d, p) -> 0, e -> { }, clock,
                clock, json);
        issues = new IssueService(store, policy, clock, runtime.anomalyListener(), new SimpleMeterRegistry(), 10);
        issues.start();
        final GovernanceRoutes routes = new GovernanceRoutes(runtime, issues, json);
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(json, false));
            routes.register(config);
            config.routes.exception(BadRequestException.class, (e, ctx) ->
                    GovernanceRoutes.error(ctx, 400, e.getMessage()));
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stop() {
        app.stop();
        issues.close();
        runtime.close();
        db.close();
    }

    private Path copy(final String name) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("defaults/" + name)) {
            final Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }

    @Test
    void signIn_thenActOnOwnIssue_andEveryRefusalIsJson() throws Exception {
        // given an SL-01 issue led by district-lighting
        final String id = openIssue("sl-007", "SL-01");
        final String lighting = token("lighting-crew", "lighting-demo");
        final String sanitation = token("sanitation-crew", "sanitation-demo");
        final String supervisor = token("supervisor", "supervision-demo");
        // then refusals
        assertError(post("/api/auth/token", "{\"username\":\"lighting-crew\",\"password\":\"nope\"}", null), 401,
                "wrong password");
        assertError(post("/api/issues/" + id + "/actions/accept", "", null), 401, "Authorization");
        assertError(post("/api/issues/" + id + "/actions/accept", "", "forged"), 401, "unknown or expired");
        assertError(post("/api/issues/" + id + "/actions/accept", "", sanitation), 403, "not assigned");
        assertError(post("/api/issues/" + id + "/actions/resolve", "{\"note\":\"x\"}", supervisor), 403,
                "never does the fix");
        assertError(post("/api/issues/" + id + "/actions/return", "{\"reson\":\"typo\"}", lighting), 400,
                "reson");
        assertError(post("/api/issues/" + id + "/actions/resolve", "{\"note\":\"x\"}", lighting), 409,
                "needs [IN_PROGRESS]");
        assertError(post("/api/issues/" + id + "/actions/teleport", "", lighting), 404, "unknown action");
        // when
        final HttpResponse<String> accepted = post("/api/issues/" + id + "/actions/accept", "", lighting);
        // then
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(json.readTree(accepted.body()).at("/issue/issue/state").asText()).isEqualTo("IN_PROGRESS");
        assertThat(json.readTree(accepted.body()).at("/control/version").asLong()).isEqualTo(1);
        assertThat(json.readTree(get("/api/my/issues", lighting).body())).hasSize(1);
        assertThat(json.readTree(get("/api/my/issues", sanitation).body())).isEmpty();
        assertThat(json.readTree(get("/api/my/issues", supervisor).body())).hasSize(1);
        assertError(get("/api/supervision/issues", lighting), 403, "supervision centre");
    }

    @Test
    void issueReads_needATokenAndShowABodyOnlyItsOwnIssues() throws Exception {
        // given an SL-01 issue led by district-lighting
        final String id = openIssue("sl-008", "SL-01");
        final String lighting = token("lighting-crew", "lighting-demo");
        final String sanitation = token("sanitation-crew", "sanitation-demo");
        final String supervisor = token("supervisor", "supervision-demo");

        // then the internal view is never anonymous, and another body can neither list nor open the issue
        assertError(get("/api/issues", null), 401, "Authorization");
        assertError(get("/api/issues/" + id, null), 401, "Authorization");
        assertError(get("/api/issues/" + id, sanitation), 403, "not assigned to your body");
        assertError(get("/api/issues?body=district-lighting", sanitation), 403, "your own body");
        assertThat(json.readTree(get("/api/issues", sanitation).body())).isEmpty();
        // while the lead and the supervision centre read it
        assertThat(json.readTree(get("/api/issues", lighting).body())).extracting(n -> n.get("id").asText())
                .containsExactly(id);
        assertThat(json.readTree(get("/api/issues/" + id, lighting).body()).at("/issue/id").asText()).isEqualTo(id);
        assertThat(json.readTree(get("/api/issues?body=district-lighting", supervisor).body())).hasSize(1);
        assertThat(get("/api/issues/" + id, supervisor).statusCode()).isEqualTo(200);
    }

    @Test
    void operationsRoutesAndTheLiveStream_needATokenAndTheStreamIsPerBody() throws Exception {
        // given
        final String lighting = token("lighting-crew", "lighting-demo");
        final String supervisor = token("supervisor", "supervision-demo");

        // then silences, rule ops and alert logs refuse anonymous callers
        assertError(get("/api/silences", null), 401, "Authorization");
        assertError(post("/api/silences", "{}", null), 401, "Authorization");
        assertError(post("/api/rules/reload", "", null), 401, "Authorization");
        assertError(get("/api/deliveries", null), 401, "Authorization");
        // and the stream shows a crew its own body's alerts only (the route itself is not mounted here: 404)
        assertError(get("/api/events/stream", null), 401, "Authorization");
        assertError(get("/api/events/stream?access_token=forged", null), 401, "unknown or expired");
        assertError(get("/api/events/stream?access_token=" + lighting, null), 403, "?body=district-lighting");
        assertThat(get("/api/events/stream?body=district-lighting&access_token=" + lighting, null).statusCode())
                .isEqualTo(404);
        assertThat(get("/api/events/stream?access_token=" + supervisor, null).statusCode()).isEqualTo(404);
        assertThat(get("/api/silences", lighting).statusCode()).isEqualTo(404);
    }

    @Test
    void signOut_tokenStopsWorkingAtOnce() throws Exception {
        // given
        final String lighting = token("lighting-crew", "lighting-demo");
        assertThat(get("/api/issues", lighting).statusCode()).isEqualTo(200);

        // when
        final HttpResponse<String> out = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Authorization", "Bearer " + lighting).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        // then
        assertThat(out.statusCode()).isEqualTo(200);
        assertError(get("/api/issues", lighting), 401, "unknown or expired");
        assertError(http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token")).DELETE().build(),
                HttpResponse.BodyHandlers.ofString()), 401, "Authorization");
    }

    @Test
    void clockAdvance_runsEscalation_andShowsOnWatchListAndKpis() throws Exception {
        final String id = openIssue("sl-008", "SL-01");
        final String party = token("party-watcher", "party-demo");
        assertThat(json.readTree(get("/api/clock", null).body()).get("now").asText()).isEqualTo(MONDAY_10.toString());
        assertError(post("/api/clock/advance?by=2h", "", null), 400, "ISO-8601");
        // when: 2 working hours later the accept deadline has passed
        final JsonNode advanced = json.readTree(post("/api/clock/advance?by=PT2H", "", null).body());
        // then
        assertThat(advanced.get("rungsFired").asInt()).isEqualTo(3);
        final JsonNode watch = json.readTree(get("/api/supervision/issues", party).body());
        assertThat(watch).hasSize(1);
        assertThat(watch.get(0).at("/issue/id").asText()).isEqualTo(id);
        assertThat(watch.get(0).get("supervision").asText()).isEqualTo("RED");
        final JsonNode kpis = json.readTree(get("/api/kpis?from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z",
                null).body());
        assertThat(kpis.get("bodies").findValues("bodyId")).extracting(JsonNode::asText).contains("district-lighting");
        assertError(get("/api/kpis?from=2026-03-03T00:00:00Z&to=2026-03-01T00:00:00Z", null), 400, "before");
    }

    @Test
    void kpis_publicViewLeavesOutInternalCategories_signedInViewHasThem() throws Exception {
        // given: a public streetlight issue and an INTERNAL device-health one, both led by their bodies
        openIssue("sl-008", "SL-01");
        openIssue("sl-009", "DV-03");
        final String range = "from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00Z";
        final String supervisor = token("supervisor", "supervision-demo");

        // when
        final JsonNode open = json.readTree(get("/api/kpis?" + range, null).body());
        final JsonNode internal = json.readTree(get("/api/kpis?view=internal&" + range, supervisor).body());

        // then: the public figures never tell that the internal issue exists
        assertThat(open.get("bodies").findValuesAsText("bodyId")).contains("district-lighting")
                .doesNotContain("platform-ops");
        assertThat(open.toString()).doesNotContain("DV-03");
        assertThat(internal.get("bodies").findValuesAsText("bodyId")).contains("district-lighting", "platform-ops");
        assertThat(internal.toString()).contains("DV-03");
        assertError(get("/api/kpis?view=internal&" + range, null), 401, "Authorization");
        assertError(get("/api/kpis?view=everything", null), 400, "view=everything");
    }

    private String openIssue(final String device, final String category) {
        issues.submit(new Anomaly("c1", "streetlight", device, category, AnomalyStatus.RAISED,
                MONDAY_10.toEpochMilli(), "rule", "lamp dark"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !issues.list(IssueQuery.all().withCategory(category))
                .isEmpty());
        return issues.list(IssueQuery.all().withCategory(category)).get(0).id();
    }

    private String token(final String user, final String password) throws Exception {
        final HttpResponse<String> r = post("/api/auth/token", "{\"username\":\"" + user + "\",\"password\":\""
                + password + "\"}", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body()).get("token").asText();
    }

    private HttpResponse<String> post(final String path, final String body, final String token) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(final String path, final String token) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertError(final HttpResponse<String> r, final int status, final String text) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        final JsonNode body = json.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("error").asText()).contains(text);
    }
}
