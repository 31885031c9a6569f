// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.javalin.http.Context;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/** Typed query parameters; a bad value becomes a 400 that names the parameter and what it expects. */
final class QueryParams {
    private QueryParams() {
    }

    static int intIn(final Context ctx, final String name, final int defaultValue, final int min, final int max) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        try {
            final int v = Integer.parseInt(raw.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (final NumberFormatException e) {
            // answered below
        }
        throw new BadRequestException(name + "=" + raw + " is not valid; expected a whole number from " + min
                + " to " + max);
    }

    /** Instants are ISO-8601 ({@code 2026-11-27T10:00:00Z}, with any offset) or epoch milliseconds. */
    static Instant instant(final Context ctx, final String name, final Instant defaultValue) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        final String v = raw.trim();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (final DateTimeParseException | NumberFormatException e) {
            throw new BadRequestException(name + "=" + raw + " is not valid; expected an ISO-8601 time with offset "
                    + "(2026-11-27T10:00:00Z) or epoch milliseconds");
        }
    }

    static <E extends Enum<E>> E enumValue(final Context ctx, final String name, final Class<E> type) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.trim().toUpperCase(Locale.ROOT));
        } catch (final IllegalArgumentException e) {
            throw new BadRequestException(name + "=" + raw + " is not valid; expected one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    static String text(final Context ctx, final String name) {
        final String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }
}
