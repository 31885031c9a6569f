// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.GatewayConfigLoader;
import io.civicpulse.simulators.registry.DeviceSecrets;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts an in-process gateway on the repository's sample configuration, on ephemeral ports and a temporary data
 * folder, with rule durations shortened so tests see issues in seconds; and talks to its HTTP API.
 */
public final class GatewayTestSupport {
    /** The seed the committed config/devices.yaml was written with. */
    public static final long FLEET_SEED = 42;
    /** The community of the committed registry. */
    public static final String COMMUNITY = "lakeside";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayTestSupport() {
    }

    /** @return the repository's config/gateway.yaml (tests run in the module folder) */
    public static Path sampleConfig() {
        return Path.of("..", "config", "gateway.yaml").toAbsolutePath().normalize();
    }

    /**
     * @param dataDir   a temporary data folder
     * @param overrides extra settings, applied last
     * @return a started gateway; close it
     * @throws Exception when it cannot start
     */
    public static Gateway startGateway(final Path dataDir, final Map<String, String> overrides) throws Exception {
        return startGateway(dataDir, List.of(), overrides);
    }

    /**
     * @param dataDir   a temporary data folder
     * @param overlays  YAML files layered over the sample configuration (e.g. {@code alerts.webhooks}, which
     *                  overrides cannot set)
     * @param overrides extra settings, applied last
     * @return a started gateway; close it
     * @throws Exception when it cannot start
     */
    public static Gateway startGateway(final Path dataDir, final List<Path> overlays,
                                       final Map<String, String> overrides) throws Exception {
        final Map<String, String> all = new HashMap<>();
        all.put("mqtt.port", "0");
        all.put("http.port", "0");
        all.put("dataDir", dataDir.toString());
        all.put("ingest.tick", "200ms");
        all.put("rules.streetlight.onWindow", "00:00-00:00");
        all.put("rules.streetlight.darkFor", "3s");
        all.put("rules.bin.fullFor", "3s");
        all.put("rules.gate.heldOpenFor", "3s");
        all.putAll(overrides);
        final List<Path> files = new ArrayList<>();
        files.add(sampleConfig());
        files.addAll(overlays);
        final GatewayConfig config = GatewayConfigLoader.load(files, all, Map.of());
        final Gateway gateway = new Gateway(config, Clock.systemUTC());
        gateway.start();
        return gateway;
    }

    /** @return the device secret of a device in the committed registry */
    public static String secret(final String deviceId) {
        return DeviceSecrets.secret(FLEET_SEED, deviceId);
    }

    /**
     * @param gateway  a started gateway on the sample configuration
     * @param deviceId a device of the committed registry
     * @return an MQTT 5 client connected as that device (close it)
     */
    public static PahoV5Client connectDevice(final Gateway gateway, final String deviceId) throws Exception {
        return PahoV5Client.connect(mqttUri(gateway), deviceId, o -> {
            o.setUserName(deviceId);
            o.setPassword(secret(deviceId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
    }

    /**
     * Publishes one native-JSON reading of a bin, stamped now, at QoS 1 (waits for the PUBACK).
     *
     * @param device  a client from {@link #connectDevice}
     * @param binId   the bin's id
     * @param seq     the reading's sequence number
     * @param fillPct the fill level in percent
     */
    public static void publishBinFill(final PahoV5Client device, final String binId, final long seq,
                                      final double fillPct) throws Exception {
        device.publish("cp/" + COMMUNITY + "/bin/" + binId + "/telemetry", "{\"ts\":" + System.currentTimeMillis()
                + ",\"seq\":" + seq + ",\"metrics\":{\"fill_pct\":" + fillPct + "}}", 1, false);
    }

    /** @return {@code tcp://127.0.0.1:port} of the gateway's MQTT listener */
    public static String mqttUri(final Gateway gateway) {
        return "tcp://127.0.0.1:" + gateway.mqttAddress().getPort();
    }

    /**
     * @param gateway a started gateway
     * @param path    path and query, e.g. {@code /api/issues}
     * @return status and parsed JSON body
     */
    public static Response get(final Gateway gateway, final String path) throws IOException, InterruptedException {
        return get(gateway, path, null);
    }

    /**
     * Reads as the demo supervision centre, which may read every issue (issue reads need a token).
     *
     * @param gateway a started gateway on the sample configuration
     * @param path    path and query, e.g. {@code /api/issues?category=WB-01}
     * @return status and parsed JSON body
     */
    public static Response getAsSupervisor(final Gateway gateway, final String path)
            throws IOException, InterruptedException {
        return get(gateway, path, supervisorToken(gateway));
    }

    /**
     * Posts JSON as the demo supervision centre (rule operations and silences need a token).
     *
     * @param gateway a started gateway on the sample configuration
     * @param path    path and query, e.g. {@code /api/silences}
     * @param json    the request body
     * @return status and parsed JSON body
     */
    public static Response postAsSupervisor(final Gateway gateway, final String path, final String json)
            throws IOException, InterruptedException {
        final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.httpAddress().getPort() + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Authorization", "Bearer "
                        + supervisorToken(gateway))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), JSON.readTree(r.body()), r.body());
    }

    private static String supervisorToken(final Gateway gateway) throws IOException, InterruptedException {
        final HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.httpAddress().getPort() + "/api/auth/token")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"supervisor\",\"password\":"
                        + "\"supervision-demo\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (signIn.statusCode() != 200) {
            throw new IllegalStateException("supervisor sign-in failed: " + signIn.statusCode() + " " + signIn.body());
        }
        return JSON.readTree(signIn.body()).get("token").asText();
    }

    /**
     * @param gateway a started gateway
     * @param path    path and query
     * @param token   a bearer token, or null for none
     * @return status and parsed JSON body
     */
    public static Response get(final Gateway gateway, final String path, final String token)
            throws IOException, InterruptedException {
        final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + gateway.httpAddress().getPort() + path)).timeout(Duration.ofSeconds(10)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        final JsonNode body = r.body().isEmpty() || !r.body().trim().matches("(?s)[\\[{].*")
                ? JSON.getNodeFactory().textNode(r.body()) : JSON.readTree(r.body());
        return new Response(r.statusCode(), body, r.body());
    }

    /**
     * An HTTP answer.
     *
     * @param status the status code
     * @param json   the body as JSON (a text node when it is not JSON)
     * @param text   the raw body
     */
    public record Response(int status, JsonNode json, String text) {
    }
}
