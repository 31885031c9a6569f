// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.issues.IssueDatabase;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.issues.IssueQuery;
import io.civicpulse.gateway.issues.IssueService;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.gateway.residents.ResidentsConfig;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * The resident-facing routes ({@link PublicApi}) on an ephemeral port over a fresh in-memory H2 issue database, with
 * the shipped governance policy and device registry (community {@code lakeside}) and a started {@link IssueService}
 * for sensor issues.
 */
abstract class PublicApiFixture {
    protected static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    protected final List<IssueEvent> alerts = new CopyOnWriteArrayList<>();
    protected final HttpClient http = HttpClient.newHttpClient();
    protected GovernancePolicy policy;
    protected Registry registry;
    protected IssueDatabase db;
    protected IssueService sensors;
    protected Javalin app;
    protected String base;

    /** @return settings for this test class (defaults unless overridden) */
    protected ResidentsConfig residentsConfig() {
        return ResidentsConfig.defaults();
    }

    @BeforeEach
    void startApi() throws Exception {
        policy = GovernancePolicy.load(config("governance.yaml"));
        registry = RegistryLoader.load(config("devices.yaml"), config("crews.yaml"));
        db = IssueDatabase.open("jdbc:h2:mem:pub" + UUID.randomUUID().toString().replace("-", "")
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        sensors = new IssueService(new JdbcIssueStore(db.dataSource()), policy, Clock.systemUTC(), alerts::add,
                new SimpleMeterRegistry(), 100);
        sensors.start();
        final PublicApi api = PublicApi.create(db.dataSource(), policy, registry, residentsConfig(),
                Clock.systemUTC(), alerts::add, JSON);
        app = Javalin.create(c -> {
            c.startup.showJavalinBanner = false;
            api.accept(c);
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterEach
    void stopApi() {
        if (app != null) {
            app.stop();
        }
        sensors.close();
        db.close();
    }

    protected static Path config(final String name) {
        return Path.of("..", "config", name).toAbsolutePath().normalize();
    }

    /** Raises a sensor anomaly and waits until its issue exists; @return the issue id */
    protected String sensorIssue(final String deviceId, final String deviceType, final String category) {
        sensors.submit(new Anomaly("lakeside", deviceType, deviceId, category, AnomalyStatus.RAISED,
                System.currentTimeMillis(), "rule-test", "test evidence for " + deviceId));
        return await().atMost(Duration.ofSeconds(10)).until(() -> sensors.list(IssueQuery.all().withCategory(category))
                .stream().filter(i -> deviceId.equals(i.deviceId())).findFirst(), java.util.Optional::isPresent)
                .orElseThrow().id();
    }

    protected HttpResponse<String> get(final String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postJson(final String path, final String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> postForm(final String path, final Map<String, String> fields) throws Exception {
        final String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    protected static JsonNode json(final HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static String enc(final String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
