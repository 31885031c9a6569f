// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.http.QueryParams;
import io.civicpulse.gateway.http.QueryParams.Page;
import io.civicpulse.gateway.ruleops.ApiRequest;
import io.civicpulse.gateway.ruleops.ApiRequest.Failure;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /api/deliveries} (webhook attempts), {@code GET /api/events/stream} (SSE for the console),
 * {@code GET /api/alerts/open} and {@code POST /api/alerts/{id}/ack} (stops reminders).
 *
 * <p>Deliveries are listed newest first and filtered by {@code since}, {@code until}, {@code body}, {@code alert}
 * and {@code status} (DELIVERED, RETRYING, FAILED; {@code outcome} is accepted too), paged by {@code offset} and
 * {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}); a bad value is a 400 naming it.
 */
public final class AlertRoutes {
    /** Attempts per request when no {@code limit} is given. */
    static final int DEFAULT_LIMIT = 100;
    /** Largest {@code limit} of {@code GET /api/deliveries}. */
    static final int MAX_LIMIT = 10_000;
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
        config.routes.get("/api/deliveries", this::deliveries);
        config.routes.sse("/api/events/stream", stream::connect);
        config.routes.get("/api/alerts/open", ctx -> ctx.json(alerts.unacknowledged()));
        config.routes.post("/api/alerts/{id}/ack", this::acknowledge);
    }

    private void deliveries(final Context ctx) {
        final Page p = QueryParams.page(ctx, DEFAULT_LIMIT, MAX_LIMIT);
        // "status" is the documented name; "outcome" is what the first version of this route took.
        final DeliveryLog.Outcome status = QueryParams.enumValue(ctx, "status", DeliveryLog.Outcome.class);
        final DeliveryLog.Outcome outcome = status != null ? status
                : QueryParams.enumValue(ctx, "outcome", DeliveryLog.Outcome.class);
        ctx.json(deliveries.query(new DeliveryLog.Query(p.since(), p.until(), QueryParams.text(ctx, "body"),
                QueryParams.text(ctx, "alert"), outcome, p.offset(), p.limit())));
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
