// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.silences;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.config.DurationText;
import io.civicpulse.gateway.ruleops.ApiRequest;
import io.civicpulse.gateway.ruleops.ApiRequest.Failure;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * {@code POST/GET/DELETE /api/silences}: silences and maintenance windows per asset, category, area or segment.
 * POST takes {@code {deviceId?, category?, area?, segment?, startsAt?, endsAt | duration, author, comment?}}.
 */
public final class SilenceRoutes {
    private final SilenceStore store;
    private final Clock clock;

    /**
     * @param store the silences
     * @param clock the gateway clock
     */
    public SilenceRoutes(final SilenceStore store, final Clock clock) {
        this.store = Objects.requireNonNull(store, "store must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
    }

    /** @param config the Javalin config to add the routes to */
    public void mount(final JavalinConfig config) {
        config.routes.post("/api/silences", this::create);
        config.routes.get("/api/silences", ctx -> ctx.json(store.list(!"true".equals(ctx.queryParam("all")))));
        config.routes.delete("/api/silences/{id}", ctx -> {
            if (!store.delete(ctx.pathParam("id"))) {
                throw new Failure(404, "no silence " + ctx.pathParam("id"));
            }
            ctx.status(204);
        });
    }

    private void create(final Context ctx) {
        final JsonNode body = ApiRequest.jsonBody(ctx);
        final String author = ApiRequest.text(body, "author");
        if (author == null) {
            throw new Failure(400, "author is required (who sets the silence)");
        }
        final Instant startsAt = ApiRequest.instant(body, "startsAt");
        Instant endsAt = ApiRequest.instant(body, "endsAt");
        final String duration = ApiRequest.text(body, "duration");
        if (endsAt == null && duration != null) {
            final Duration d = DurationText.parse(duration);
            if (d == null || d.isZero()) {
                throw new Failure(400, "duration=" + duration + " is not valid; expected e.g. 30m, 2h or 1d");
            }
            endsAt = (startsAt == null ? clock.instant() : startsAt).plus(d);
        }
        if (endsAt == null) {
            throw new Failure(400, "endsAt (ISO-8601) or duration (e.g. 2h) is required: every silence expires");
        }
        try {
            ctx.status(201).json(store.create(ApiRequest.text(body, "deviceId"), ApiRequest.text(body, "category"),
                    ApiRequest.text(body, "area"), ApiRequest.text(body, "segment"), startsAt, endsAt, author,
                    ApiRequest.text(body, "comment")));
        } catch (final IllegalArgumentException e) {
            throw new Failure(400, e.getMessage());
        }
    }
}
