// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.civicpulse.gateway.config.DurationText;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Typed query parameters for every feature's routes; a bad value throws {@link BadRequestException}, which the
 * {@link HttpApi} answers with 400 and a message naming the parameter and what it expects.
 */
public final class QueryParams {
    /** Largest {@code offset} of a paged list. */
    public static final int MAX_OFFSET = 1_000_000;
    /** 9999-12-31T23:59:59.999Z: any larger epoch value is almost surely not milliseconds. */
    private static final long MAX_EPOCH_MILLIS = 253_402_300_799_999L;

    private QueryParams() {
    }

    /**
     * The time window and page of a log listing, newest first.
     *
     * @param since  at or after, or null
     * @param until  before, or null
     * @param offset entries skipped
     * @param limit  entries at most
     */
    public record Page(Instant since, Instant until, int offset, int limit) {
    }

    /**
     * Reads {@code since}, {@code until} (instants), {@code offset} and {@code limit}.
     *
     * @param defaultLimit the limit when none is given
     * @param maxLimit     the largest limit accepted
     * @return the page
     * @throws BadRequestException naming the parameter that is not valid, or if {@code since} is not before
     *                             {@code until}
     */
    public static Page page(final Context ctx, final int defaultLimit, final int maxLimit) {
        final Instant since = instant(ctx, "since", null);
        final Instant until = instant(ctx, "until", null);
        if (since != null && until != null && !since.isBefore(until)) {
            throw new BadRequestException("since (" + since + ") must be before until (" + until + ")");
        }
        return new Page(since, until, intIn(ctx, "offset", 0, 0, MAX_OFFSET),
                intIn(ctx, "limit", defaultLimit, 1, maxLimit));
    }

    /**
     * @return the parameter as a whole number in {@code [min, max]}, or {@code defaultValue} when absent
     * @throws BadRequestException if it is not a whole number in range
     */
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

    /**
     * Instants are ISO-8601 ({@code 2026-11-27T10:00:00Z}, with any offset) or epoch milliseconds.
     *
     * @return the parameter as an instant, or {@code defaultValue} (may be null) when absent
     * @throws BadRequestException if it is neither
     */
    public static Instant instant(final Context ctx, final String name, final Instant defaultValue) {
        final String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? defaultValue : parseInstant(name, raw.trim());
    }

    /**
     * @param name  the parameter or field, for the message
     * @param value ISO-8601 with offset, or epoch milliseconds
     * @return the instant
     * @throws BadRequestException if the value is neither
     */
    public static Instant parseInstant(final String name, final String value) {
        try {
            if (!value.isEmpty() && value.chars().allMatch(Character::isDigit)) {
                final long millis = Long.parseLong(value);
                if (millis > MAX_EPOCH_MILLIS) {
                    // The classic precision mistake: micro- or nanoseconds passed where milliseconds are expected.
                    throw new BadRequestException(name + "=" + value + " is past the year 9999 as epoch"
                            + " milliseconds; was it micro- or nanoseconds?");
                }
                return Instant.ofEpochMilli(millis);
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (final DateTimeParseException | NumberFormatException e) {
            throw new BadRequestException(name + "=" + value + " is not valid; expected an ISO-8601 time with offset "
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

    /**
     * @return the parameter as a constant of {@code type} (any case), or null when absent
     * @throws BadRequestException naming the allowed values if it is none of them
     */
    public static <E extends Enum<E>> E enumValue(final Context ctx, final String name, final Class<E> type) {
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

    /** @return the trimmed parameter, or null when absent or blank */
    public static String text(final Context ctx, final String name) {
        final String raw = ctx.queryParam(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    /**
     * @param maxLength the longest value accepted
     * @return the trimmed parameter, or null when absent or blank
     * @throws BadRequestException if it is longer than {@code maxLength}
     */
    public static String text(final Context ctx, final String name, final int maxLength) {
        final String v = text(ctx, name);
        if (v != null && v.length() > maxLength) {
            throw new BadRequestException(name + " is " + v.length() + " characters long; at most " + maxLength
                    + " are accepted");
        }
        return v;
    }
}
