// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.Gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;

/**
 * Makes devices of the sample registry silent and flapping the way the field does, through MQTT and the rules: a
 * silent device drops its connection without DISCONNECT (the rules raise DV-01 at once and the issue workflow opens
 * it); a flapping device sends its battery level low, high, low... so DV-02 is raised more often than
 * {@code rules.flapping.maxRaises} and the anomaly gate holds it as flapping. Start the gateway with
 * {@link #OVERRIDES}, so that no other device falls silent by time during a test.
 */
public final class FleetScenario implements AutoCloseable {
    /**
     * Silence after 1000 × 10 s (no device falls silent by the clock during a test); flapping after 2 raises within
     * the hour.
     */
    public static final Map<String, String> OVERRIDES = Map.of("rules.device.silentIntervals", "1000",
            "rules.flapping.maxRaises", "2");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Gateway gateway;
    private final List<PahoV5Client> clients = new ArrayList<>();
    private final String token;
    private long seq;

    private FleetScenario(final Gateway gateway, final String token) {
        this.gateway = gateway;
        this.token = token;
    }

    /**
     * @param gateway a gateway started on the sample configuration with {@link #OVERRIDES}
     * @return a scenario signed in as the demo supervisor
     */
    public static FleetScenario on(final Gateway gateway) throws Exception {
        final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + gateway.httpAddress().getPort() + "/api/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"supervisor\",\"password\":\"supervision-demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new FleetScenario(gateway, JSON.readTree(r.body()).get("token").asText());
    }

    /** @return the supervisor's bearer token */
    public String token() {
        return token;
    }

    /** GET as the supervisor. */
    public GatewayTestSupport.Response get(final String path) throws Exception {
        return GatewayTestSupport.get(gateway, path, token);
    }

    /** The device reports once, then its connection drops; returns when its DV-01 issue is open. */
    public void makeSilent(final String device, final String type) throws Exception {
        final PahoV5Client c = connect(device);
        publish(c, device, type, 80);
        c.drop();
        await().atMost(Duration.ofSeconds(20)).until(() -> openIssue(device, "DV-01") != null);
    }

    /** The battery goes low and back {@code raises} times and stays low; returns once the gate holds it flapping. */
    public void makeFlapping(final String device, final String type, final int raises) throws Exception {
        try (PahoV5Client c = connect(device)) {
            for (int i = 0; i < raises; i++) {
                publish(c, device, type, 10);
                if (i < raises - 1) {
                    publish(c, device, type, 90);
                }
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> openIssue(device, "DV-02") != null
                && get("/api/fleet?status=flapping").text().contains("\"id\":\"" + device + "\""));
    }

    /** The device connects, reports once and stays connected until {@link #close}. */
    public void keepConnected(final String device, final String type) throws Exception {
        final PahoV5Client c = connect(device);
        publish(c, device, type, 80);
        clients.add(c);
    }

    /**
     * @return the id of the device's open issue of that category (every state but CLOSED, REJECTED, MERGED), or null
     */
    public String openIssue(final String device, final String category) throws Exception {
        final JsonNode list = get("/api/issues?category=" + category + "&limit=1000").json();
        return StreamSupport.stream(list.spliterator(), false).filter(i -> device.equals(i.path("deviceId")
                .asText()) && !List.of("CLOSED", "REJECTED", "MERGED").contains(i.get("state").asText()))
                .map(i -> i.get("id").asText()).findFirst().orElse(null);
    }

    private PahoV5Client connect(final String device) throws Exception {
        return PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), device, o -> {
            o.setUserName(device);
            o.setPassword(GatewayTestSupport.secret(device).getBytes(StandardCharsets.UTF_8));
        });
    }

    private void publish(final PahoV5Client c, final String device, final String type, final int battery)
            throws Exception {
        seq++;
        c.publish("cp/" + GatewayTestSupport.COMMUNITY + "/" + type + "/" + device + "/telemetry", "{\"ts\":"
                + (System.currentTimeMillis() + seq) + ",\"seq\":" + seq + ",\"metrics\":{\"battery_pct\":" + battery
                + "}}", 1, false);
    }

    @Override
    public void close() {
        clients.forEach(PahoV5Client::close);
    }
}
