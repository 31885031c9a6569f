// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.civicpulse.gateway.auth.AuthException;
import io.civicpulse.gateway.escalation.ControllableClock;
import io.civicpulse.gateway.escalation.GovernanceRuntime;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The lab/demo clock: {@code GET /api/clock} → {@code {"now", "speed", "controllable"}}, and, only with
 * {@code clock.controllable: true}, {@code POST /api/clock/advance?by=PT2H} (ISO-8601 duration), which moves the
 * gateway clock forward and runs the escalation scheduler at once so the effects are visible in the response.
 */
final class ClockRoutes {
    /** One advance may jump at most this far, so a typo (P100Y) cannot wreck a demo database. */
    static final Duration MAX_ADVANCE = Duration.ofDays(366);

    private final GovernanceRuntime runtime;

    ClockRoutes(final GovernanceRuntime runtime) {
        this.runtime = runtime;
    }

    void register(final JavalinConfig config) {
        config.routes.get("/api/clock", this::clock);
        config.routes.post("/api/clock/advance", this::advance);
    }

    private void clock(final Context ctx) {
        ctx.json(body(0));
    }

    private void advance(final Context ctx) {
        final ControllableClock clock = runtime.controllableClock().orElseThrow(() -> AuthException.forbidden(
                "the clock is not controllable; set clock.controllable: true (lab and demo only)"));
        final String text = ctx.queryParam("by");
        final Duration by;
        try {
            by = Duration.parse(text == null ? "" : text);
        } catch (final DateTimeParseException e) {
            throw new BadRequestException("'by' must be an ISO-8601 duration such as PT2H or P1D, was '" + text + "'");
        }
        if (by.isNegative() || by.compareTo(MAX_ADVANCE) > 0) {
            throw new BadRequestException("'by' must be between PT0S and P366D, was " + by);
        }
        clock.advance(by);
        ctx.json(body(runtime.escalation().tick()));
    }

    private Map<String, Object> body(final int fired) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("now", runtime.clock().instant());
        m.put("speed", runtime.controllableClock().map(ControllableClock::speed).orElse(1.0));
        m.put("controllable", runtime.controllableClock().isPresent());
        m.put("rungsFired", fired);
        return m;
    }
}
