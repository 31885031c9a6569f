// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.ingest.RejectionLedger;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The JSON HTTP API: health, Prometheus metrics, device readings and the rejected-payload ledger; features add
 * their routes with {@link #addRoutes} (issues and sign-in: {@link GovernanceRoutes}).
 * Handlers only parse parameters and call services; every bad parameter is a 400 naming the parameter.
 */
public final class HttpApi implements AutoCloseable {
    /** Readings per request at most. */
    static final int MAX_READINGS = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);

    private final TelemetryStore telemetry;
    private final Registry registry;
    private final RejectionLedger rejections;
    private final PrometheusMeterRegistry metrics;
    private final Supplier<Map<String, Object>> health;
    private final ObjectMapper json;
    private final List<Consumer<JavalinConfig>> extraRoutes = new ArrayList<>();
    private Javalin app;

    /**
     * @param telemetry  reading history
     * @param registry   devices
     * @param rejections recent refusals
     * @param metrics    the Prometheus registry to scrape
     * @param health     the health document
     * @param json       the gateway's JSON mapper
     */
    public HttpApi(final TelemetryStore telemetry, final Registry registry,
                   final RejectionLedger rejections, final PrometheusMeterRegistry metrics,
                   final Supplier<Map<String, Object>> health, final ObjectMapper json) {
        this.telemetry = telemetry;
        this.registry = registry;
        this.rejections = rejections;
        this.metrics = metrics;
        this.health = health;
        this.json = json;
    }

    /**
     * Adds routes of another feature (e.g. {@link GovernanceRoutes}); call before {@link #start}.
     *
     * @param routes registers routes and exception handlers, never null
     */
    public void addRoutes(final Consumer<JavalinConfig> routes) {
        extraRoutes.add(Objects.requireNonNull(routes, "routes must not be null."));
    }

    /**
     * Starts the API with its slow-client and overload defences ({@link HttpProtection}).
     *
     * @param settings bind address, port (0 picks a free one), header and idle timeouts, limits
     * @return the bound address
     */
    public InetSocketAddress start(final GatewayConfig.Http settings) {
        app = Javalin.create(config -> {
            HttpProtection.install(config, settings, metrics);
            configure(config);
        }).start();
        return new InetSocketAddress(settings.bindAddress(), app.port());
    }

    private void configure(final JavalinConfig config) {
        config.startup.showJavalinBanner = false;
        config.jsonMapper(new JavalinJackson(json, false));
        config.routes.get("/api", ctx -> ctx.json(index()));
        config.routes.get("/health", ctx -> ctx.json(health.get()));
        config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        config.routes.get("/api/devices", ctx -> ctx.json(registry.devices().stream()
                .sorted(Comparator.comparing(Device::id)).map(HttpApi::publicDevice).toList()));
        config.routes.get("/api/devices/{id}/readings", this::readings);
        config.routes.get("/api/rejections", ctx -> ctx.json(rejections.recent(
                QueryParams.intIn(ctx, "limit", 100, 1, 1000))));
        extraRoutes.forEach(r -> r.accept(config));
        config.routes.exception(BadRequestException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
        config.routes.exception(NotFoundException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("HTTP {} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error: " + e.getClass().getSimpleName());
        });
    }

    private void readings(final Context ctx) throws TelemetryStoreException {
        final String id = ctx.pathParam("id");
        final Device device = registry.device(id).orElseThrow(() -> new NotFoundException("no device " + id));
        final Instant to = QueryParams.instant(ctx, "to", Instant.now().plusSeconds(1));
        final Instant from = QueryParams.instant(ctx, "from", to.minus(Duration.ofHours(1)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from (" + from + ") must be before to (" + to + ")");
        }
        final int limit = QueryParams.intIn(ctx, "limit", 1000, 1, MAX_READINGS);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("device", publicDevice(device));
        body.put("from", from);
        body.put("to", to);
        body.put("readings", telemetry.history(device.type(), device.id(), from, to, limit));
        ctx.json(body);
    }

    private static Map<String, Object> publicDevice(final Device d) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id());
        m.put("type", d.type());
        m.put("community", d.community());
        m.put("area", d.area());
        m.put("segment", d.segment());
        m.put("lat", Double.isNaN(d.lat()) ? null : d.lat());
        m.put("lon", Double.isNaN(d.lon()) ? null : d.lon());
        m.put("intervalSeconds", d.intervalSeconds());
        return m;
    }

    private static Map<String, Object> index() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", "CivicPulse gateway");
        m.put("endpoints", List.of("GET /health", "GET /metrics",
                "GET /api/issues?state=&category=&body=&community=&limit=&offset=", "GET /api/issues/{id}",
                "GET /api/devices", "GET /api/devices/{id}/readings?from=&to=&limit=", "GET /api/rejections?limit=",
                "POST /api/auth/token", "DELETE /api/auth/token", "POST /api/issues/{id}/actions/{action}",
                "GET /api/my/issues",
                "GET /api/supervision/issues", "GET /api/kpis?from=&to=",
                "GET /api/fleet?status=&area=&type=", "GET /api/clock",
                "POST /api/clock/advance?by="));
        return m;
    }

    private static void error(final Context ctx, final int status, final String message) {
        ctx.status(status).json(Map.of("status", status, "error", message));
    }

    @Override
    public void close() {
        if (app != null) {
            app.stop();
        }
    }
}
