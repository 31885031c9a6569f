// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.ruleops.ApiRequest;
import io.civicpulse.gateway.ruleops.ApiRequest.Failure;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/deliveries} (webhook attempts), {@code GET /api/events/stream} (SSE for the console),
 * {@code GET /api/alerts/open} and {@code POST /api/alerts/{id}/ack} (stops reminders).
 */
public final class AlertRoutes {
    private final AlertDispatcher alerts;
    private final DeliveryLog deliveries;
    private final AlertStream stream;

    /**
     * @param alerts     the dispatcher (acknowledgements)
     * @param deliveries the webhook log
     * @param stream     the console stream
     */
    public AlertRoutes(final AlertDispatcher alerts, final DeliveryLog deliveries, final AlertStream stream) {
        this.alerts = Objects.requireNonNull(alerts, "alerts must not be null.");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries must not be null.");
        this.stream = Objects.requireNonNull(stream, "stream must not be null.");
    }

    /** @param config the Javalin config to add the routes to */
    public void mount(final JavalinConfig config) {
        config.routes.get("/api/deliveries", ctx -> ctx.json(deliveries.query(ApiRequest.textParam(ctx, "body"),
                ApiRequest.enumParam(ctx, "outcome", DeliveryLog.Outcome.class),
                ApiRequest.intParam(ctx, "limit", 100, 1, 10_000))));
        config.routes.sse("/api/events/stream", stream::connect);
        config.routes.get("/api/alerts/open", ctx -> ctx.json(alerts.unacknowledged()));
        config.routes.post("/api/alerts/{id}/ack", this::acknowledge);
    }

    private void acknowledge(final Context ctx) {
        final String by;
        if (ctx.body().isBlank()) {
            by = "anonymous";
        } else {
            final JsonNode body = ApiRequest.jsonBody(ctx);
            final String given = ApiRequest.text(body, "by");
            by = given == null ? "anonymous" : given;
        }
        final String id = ctx.pathParam("id");
        final AlertMessage acked = alerts.acknowledge(id, by).orElseThrow(() -> new Failure(404, "no unacknowledged "
                + "alert " + id + " (unknown, already acknowledged, or reminders are off)"));
        ctx.json(Map.of("alertId", acked.alertId(), "bodyId", acked.bodyId(), "acknowledgedBy", by));
    }
}
