// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * Request helpers for the rule-ops, silence and alert routes: every bad value becomes a {@link Failure} answered
 * with its status (400, 404, 422) and a message naming the parameter and what was expected.
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
        return v == null ? null : instant(field, v);
    }

    /** @return a query parameter as an int, or the default */
    public static int intParam(final Context ctx, final String name, final int dflt, final int min, final int max) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            final int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw new Failure(400, name + "=" + raw + " is not valid; expected a whole number from " + min + " to " + max);
    }

    /** @return a query parameter as an instant (ISO-8601 with offset, or epoch milliseconds), or the default */
    public static Instant instantParam(final Context ctx, final String name, final Instant dflt) {
        final String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? dflt : instant(name, raw.trim());
    }

    /** @return a query parameter as an enum constant (any case), or null when absent */
    public static <E extends Enum<E>> E enumParam(final Context ctx, final String name, final Class<E> type) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new Failure(400, name + "=" + raw + " is not valid; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** @return a non-blank query parameter, or null */
    public static String textParam(final Context ctx, final String name) {
        final String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    private static Instant instant(final String name, final String v) {
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (final DateTimeParseException | NumberFormatException e) {
            throw new Failure(400, name + "=" + v + " is not valid; expected an ISO-8601 time with offset "
                    + "(2026-11-27T10:00:00Z) or epoch milliseconds");
        }
    }
}
