// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The parts of the gateway's HTTP API a scenario uses: issues, the controllable clock and resident reports.
 * Thread-safe.
 */
public final class GatewayHttp {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** The demo's supervision-centre account: it may read every issue. */
    public static final String DEMO_USER = "supervisor";
    /** Its demo password (config/crews.yaml); never a real deployment's. */
    public static final String DEMO_PASSWORD = "supervision-demo";

    private final String base;
    private final String user;
    private final String password;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile String token;

    /** A client for the gateway at {@code baseUrl} that reads issues as the demo's supervision centre. */
    public GatewayHttp(final String baseUrl) {
        this(baseUrl, DEMO_USER, DEMO_PASSWORD);
    }

    /**
     * A client for the gateway at {@code baseUrl}, e.g. {@code http://127.0.0.1:8080}.
     *
     * @param baseUrl  the gateway's HTTP address
     * @param user     an account allowed to read every issue (supervision centre or party watcher): issue reads
     *                 need a token
     * @param password its password
     */
    public GatewayHttp(final String baseUrl, final String user, final String password) {
        this.user = java.util.Objects.requireNonNull(user, "user must not be null.");
        this.password = java.util.Objects.requireNonNull(password, "password must not be null.");
        final String value = java.util.Objects.requireNonNull(baseUrl, "baseUrl must not be null.").trim();
        if (!value.startsWith("http://") && !value.startsWith("https://")) {
            throw new IllegalArgumentException("invalid gateway URL '" + baseUrl
                    + "': expected http://HOST:PORT, e.g. http://127.0.0.1:8080");
        }
        this.base = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    /**
     * An answer.
     *
     * @param status HTTP status
     * @param json the body as JSON, or a text node when it is not JSON
     */
    public record Answer(int status, JsonNode json) {
        /** Whether the status is 2xx. */
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** The issues of {@code category}, newest first ({@code GET /api/issues?category=}). */
    public Answer issues(final String category) throws IOException, InterruptedException {
        return get("/api/issues?limit=500&category=" + URLEncoder.encode(category, StandardCharsets.UTF_8));
    }

    /** One issue with its timeline ({@code GET /api/issues/{id}}). */
    public Answer issue(final String id) throws IOException, InterruptedException {
        return get("/api/issues/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
    }

    /** The gateway clock, {@code {"now": ISO instant, "speed": number}}; 404 when the gateway has none. */
    public Answer clock() throws IOException, InterruptedException {
        return get("/api/clock");
    }

    /** Moves the gateway clock forward ({@code POST /api/clock/advance?by=PT2H}). */
    public Answer advanceClock(final Duration by) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/api/clock/advance?by=" + by)).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Files a resident report ({@code POST /api/reports}). */
    public Answer report(final ScenarioStep.ResidentReport report) throws IOException, InterruptedException {
        final String body = JSON.writeValueAsString(Map.of("category", report.category(), "lat", report.lat(),
                "lon", report.lon(), "text", report.text()));
        return send(HttpRequest.newBuilder(uri("/api/reports")).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Answer get(final String path) throws IOException, InterruptedException {
        if (!path.startsWith("/api/issues")) {
            return send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET().build());
        }
        Answer answer = send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET()
                .header("Authorization", "Bearer " + token()).build());
        if (answer.status() == 401) {
            token = null; // expired: sign in once more
            answer = send(HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT).GET()
                    .header("Authorization", "Bearer " + token()).build());
        }
        return answer;
    }

    private String token() throws IOException, InterruptedException {
        if (token == null) {
            final Answer signIn = send(HttpRequest.newBuilder(uri("/api/auth/token")).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("username", user,
                            "password", password)))).build());
            if (!signIn.ok() || !signIn.json().hasNonNull("token")) {
                throw new IOException("sign-in as '" + user + "' at " + base + "/api/auth/token failed: "
                        + signIn.status() + " " + signIn.json());
            }
            token = signIn.json().get("token").asText();
        }
        return token;
    }

    private Answer send(final HttpRequest request) throws IOException, InterruptedException {
        final HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        final String body = response.body() == null ? "" : response.body().trim();
        JsonNode json;
        try {
            json = body.startsWith("{") || body.startsWith("[") ? JSON.readTree(body) : JSON.getNodeFactory()
                    .textNode(body);
        } catch (final IOException e) {
            json = JSON.getNodeFactory().textNode(body);
        }
        return new Answer(response.statusCode(), json);
    }

    private URI uri(final String path) {
        return URI.create(base + path);
    }

    @Override
    public String toString() {
        return base;
    }
}
