// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.config.DurationText;
import io.javalin.http.Context;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Locale;

/** Typed query parameters of the analysis API; a bad value is a 400 naming the parameter and what it expects. */
final class AnalysisParams {
    private AnalysisParams() {
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
        throw new AnalysisParameterException(name + "=" + raw + " is not valid; expected a whole number from " + min
                + " to " + max);
    }

    /** ISO-8601 with an offset ({@code 2026-11-27T10:00:00Z}) or epoch milliseconds. */
    static Instant instant(final Context ctx, final String name, final Instant defaultValue) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        final String v = raw.trim();
        try {
            if (v.chars().allMatch(Character::isDigit) && v.length() <= 15) {
                return Instant.ofEpochMilli(Long.parseLong(v));
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (final DateTimeException | NumberFormatException e) {
            throw new AnalysisParameterException(name + "=" + raw + " is not valid; expected an ISO-8601 time with "
                    + "offset (2026-11-27T10:00:00Z) or epoch milliseconds");
        }
    }

    /** A duration written like 30m, 6h or 7d, between min and max. */
    static Duration duration(final Context ctx, final String name, final Duration defaultValue, final Duration min,
                             final Duration max) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        final Duration d = DurationText.parse(raw.trim());
        if (d == null || d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new AnalysisParameterException(name + "=" + raw + " is not valid; expected a duration from "
                    + DurationText.format(min) + " to " + DurationText.format(max) + " written like 30m, 6h or 7d");
        }
        return d;
    }

    static boolean bool(final Context ctx, final String name) {
        final String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new AnalysisParameterException(name + "=" + raw + " is not valid; expected true or false");
        };
    }

    /** @return true for CSV ({@code format=csv}, or {@code Accept: text/csv} without a format), false for JSON */
    static boolean wantsCsv(final Context ctx) {
        final String format = ctx.queryParam("format");
        if (format != null && !format.isBlank()) {
            return switch (format.trim().toLowerCase(Locale.ROOT)) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw new AnalysisParameterException("format=" + format + " is not valid; expected csv "
                        + "or json");
            };
        }
        final String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
    }

    /** @throws AnalysisParameterException naming both parameters when from is not before to */
    static void requireOrdered(final Instant from, final Instant to, final Duration maxRange) {
        if (!from.isBefore(to)) {
            throw new AnalysisParameterException("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(maxRange) > 0) {
            throw new AnalysisParameterException("from/to span " + Duration.between(from, to).toDays()
                    + " days; at most " + maxRange.toDays() + " days per request");
        }
    }
}
