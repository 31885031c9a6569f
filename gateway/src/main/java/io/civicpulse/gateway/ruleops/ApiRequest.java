// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.http.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Map;

/**
 * Request-body helpers for the rule-ops, silence and alert routes: every bad value becomes a {@link Failure}
 * answered with its status (400, 404, 422) and a message naming the field and what was expected. Query parameters
 * are read with {@link QueryParams}, shared with the rest of the HTTP API.
 */
public final class ApiRequest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ApiRequest() {
    }

    /** A request that cannot be served as asked; answered with {@link #status()} and the message. */
    public static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        /**
         * @param status  HTTP status (4xx)
         * @param message what was wrong
         */
        public Failure(final int status, final String message) {
            super(message, null, false, false);
            this.status = status;
        }

        /** @return the HTTP status */
        public int status() {
            return status;
        }
    }

    /** Registers the {@link Failure} handler (once per Javalin config). */
    public static void handleFailures(final JavalinConfig config) {
        config.routes.exception(Failure.class, (e, ctx) -> ctx.status(e.status())
                .json(Map.of("status", e.status(), "error", e.getMessage())));
    }

    /** @return the request body as a JSON object */
    public static JsonNode jsonBody(final Context ctx) {
        final JsonNode node;
        try {
            node = JSON.readTree(ctx.body());
        } catch (final java.io.IOException e) {
            throw new Failure(400, "the body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
            throw new Failure(400, "the body must be a JSON object");
        }
        return node;
    }

    /** @return a text field of the body, or null when absent */
    public static String text(final JsonNode body, final String field) {
        final JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new Failure(400, field + " must be a non-empty string");
        }
        return v.asText().trim();
    }

    /** @return an ISO-8601 instant field of the body, or null when absent */
    public static Instant instant(final JsonNode body, final String field) {
        final String v = text(body, field);
        return v == null ? null : QueryParams.parseInstant(field, v);
    }
}
