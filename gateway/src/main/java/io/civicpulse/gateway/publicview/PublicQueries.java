// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Parses public list parameters. Lists are comma-separated ({@code status=open,closed}), as Open311 writes them.
 * Every bad value is a {@link BadParameterException} naming the parameter.
 */
public final class PublicQueries {
    private static final Set<String> STATUSES = Set.of("open", "closed");

    private PublicQueries() {
    }

    /**
     * {@code GET /api/public/issues?community=&category=&status=&from=&to=&limit=&offset=}.
     *
     * @param ctx the request
     * @return the query
     */
    static PublicQuery fromApi(final Context ctx) {
        return new PublicQuery(blankToNull(ctx.queryParam("community")), List.of(),
                list(ctx.queryParam("category")), statuses("status", ctx.queryParam("status")),
                datetime("from", ctx.queryParam("from")), datetime("to", ctx.queryParam("to")),
                integer("limit", ctx.queryParam("limit"), 100, 1, PublicQuery.MAX_LIMIT),
                integer("offset", ctx.queryParam("offset"), 0, 0, Integer.MAX_VALUE));
    }

    /**
     * @param raw comma-separated values, or null
     * @return the non-blank values, trimmed
     */
    public static List<String> list(final String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * @param name parameter name for messages
     * @param raw  comma-separated {@code open}/{@code closed}, or null
     * @return the statuses
     */
    public static List<String> statuses(final String name, final String raw) {
        final List<String> out = list(raw);
        for (final String s : out) {
            if (!STATUSES.contains(s)) {
                throw new BadParameterException(name + "=" + clip(s) + " is not valid; expected open, closed or both "
                        + "(comma-separated)");
            }
        }
        return out;
    }

    /**
     * @param name parameter name for messages
     * @param raw  ISO 8601 with offset (w3 format, {@code 2026-03-01T00:00:00+08:00} or {@code …Z}), or null
     * @return the instant, or null
     */
    public static Instant datetime(final String name, final String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw.trim()).toInstant();
        } catch (final DateTimeParseException e) {
            throw new BadParameterException(name + "=" + clip(raw) + " is not valid; expected an ISO 8601 time with "
                    + "offset, e.g. 2026-03-01T00:00:00+08:00 or 2026-02-28T16:00:00Z");
        }
    }

    /**
     * @return the number, or {@code fallback} when absent
     */
    public static int integer(final String name, final String raw, final int fallback, final int min,
                              final int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            final int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw new BadParameterException(name + "=" + clip(raw) + " is not valid; expected a whole number from " + min
                + " to " + max);
    }

    private static String blankToNull(final String raw) {
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    private static String clip(final String v) {
        return v.length() > 64 ? v.substring(0, 64) + "…" : v;
    }
}
