// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /api/fleet?status=&area=&type=}: the fleet status ({@link FleetService}). Signed-in users only (the
 * token check is {@code GovernanceRoutes}' before-handler for operations paths): the answer names devices and their
 * internal issues. A bad or unknown parameter is a 400 naming it and what it accepts.
 */
public final class FleetRoutes {
    /** The route. */
    public static final String PATH = "/api/fleet";
    private static final Set<String> PARAMETERS = Set.of("status", "area", "type");

    private final FleetService fleet;

    /** @param fleet the fleet status, never null */
    public FleetRoutes(final FleetService fleet) {
        this.fleet = Objects.requireNonNull(fleet, "fleet must not be null.");
    }

    /** @param config the Javalin configuration to add the route to */
    public void mount(final JavalinConfig config) {
        config.routes.get(PATH, this::list);
        config.routes.exception(FleetParameterException.class, (e, ctx) -> ctx.status(400).json(Map.of(
                "status", 400, "error", e.getMessage())));
    }

    private void list(final Context ctx) {
        for (final String name : ctx.queryParamMap().keySet()) {
            if (!PARAMETERS.contains(name)) {
                throw new FleetParameterException("unknown parameter " + name + "; " + PATH + " takes status, area "
                        + "and type");
            }
        }
        ctx.json(fleet.fleet(new FleetQuery(statuses(ctx.queryParam("status")),
                oneOf("area", ctx.queryParam("area"), fleet.areas()),
                oneOf("type", ctx.queryParam("type"), fleet.types()))));
    }

    private static Set<String> statuses(final String raw) {
        if (raw == null || raw.isBlank()) {
            return Set.of();
        }
        final Set<String> out = new LinkedHashSet<>();
        for (final String s : Arrays.stream(raw.split(",")).map(String::trim).toList()) {
            if (!FleetQuery.STATUSES.contains(s)) {
                throw new FleetParameterException("status=" + raw + " is not valid: '" + s + "' is not one of "
                        + String.join(", ", FleetQuery.STATUSES) + " (several may be given, comma-separated)");
            }
            out.add(s);
        }
        return out;
    }

    private static String oneOf(final String name, final String raw, final List<String> known) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!known.contains(raw.trim())) {
            throw new FleetParameterException(name + "=" + raw + " is not valid; expected one of "
                    + String.join(", ", known));
        }
        return raw.trim();
    }

    /** A query parameter that cannot be used; answered with 400. */
    static final class FleetParameterException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FleetParameterException(final String message) {
            super(message, null, false, false);
        }
    }
}
