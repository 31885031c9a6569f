// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.civicpulse.gateway.config.DurationText;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Typed query parameters; a bad value becomes a {@link BadRequestException} (400) that names the parameter and what
 * it expects.
 */
public final class QueryParams {
    /** 9999-12-31T23:59:59.999Z: any larger epoch value is almost surely not milliseconds. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private QueryParams() {
    }

    /** @return the whole number, or the default when absent */
    public static int intIn(final Context ctx, final String name, final int defaultValue, final int min,
                            final int max) {
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
    public static Instant instant(final Context ctx, final String name, final Instant defaultValue) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        final String v = raw.trim();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                final long millis = Long.parseLong(v);
                if (millis > MAX_EPOCH_MILLIS) {
                    // The classic precision mistake: micro- or nanoseconds passed where milliseconds are expected.
                    throw new BadRequestException(name + "=" + raw + " is past the year 9999 as epoch milliseconds;"
                            + " was it micro- or nanoseconds?");
                }
                return Instant.ofEpochMilli(millis);
            }
            return java.time.OffsetDateTime.parse(v).toInstant();
        } catch (final DateTimeParseException | NumberFormatException e) {
            throw new BadRequestException(name + "=" + raw + " is not valid; expected an ISO-8601 time with offset "
                    + "(2026-11-27T10:00:00Z) or epoch milliseconds");
        }
    }

    /**
     * @return the duration written like 30m, 6h or 7d, between min and max; the default when absent
     */
    public static Duration duration(final Context ctx, final String name, final Duration defaultValue,
                                    final Duration min, final Duration max) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        final Duration d = DurationText.parse(raw.trim());
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new BadRequestException(name + "=" + raw + " is not valid; expected a duration from "
                    + DurationText.format(min) + " to " + DurationText.format(max) + " written like 30m, 6h or 7d");
        }
        return d;
    }

    /** @return true for true/1/yes, false for false/0/no or when absent */
    public static boolean bool(final Context ctx, final String name) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new BadRequestException(name + "=" + raw + " is not valid; expected true or false");
        };
    }

    /** @return true for CSV ({@code format=csv}, or {@code Accept: text/csv} without a format), false for JSON */
    public static boolean wantsCsv(final Context ctx) {
        final String format = ctx.queryParam("format");
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new BadRequestException("format=" + format + " is not valid; expected csv or json");
            };
        }
        final String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /** @throws BadRequestException naming both parameters when from is not before to or they span over maxRange */
    public static void requireOrdered(final Instant from, final Instant to, final Duration maxRange) {
        if (!from.isBefore(to)) {
            throw new BadRequestException("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw new BadRequestException("from/to span " + Duration.between(from, to).toDays()
                    + " days; at most " + maxRange.toDays() + " days per request");
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
