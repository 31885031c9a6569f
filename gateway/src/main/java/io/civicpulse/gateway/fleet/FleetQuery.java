// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.registry.Device;

import java.util.List;
import java.util.Set;

/**
 * Filters of {@code GET /api/fleet}; null or empty filters match everything. Immutable.
 *
 * @param statuses a device matches if it has any of these flags ({@code silent}, {@code flapping},
 *                 {@code batteryLow}), or none of them when {@code ok} is listed
 * @param area     only this area, or null
 * @param type     only this device type, or null
 */
public record FleetQuery(Set<String> statuses, String area, String type) {
    /** The values {@code ?status=} takes. */
    public static final List<String> STATUSES = List.of("silent", "flapping", "batteryLow", "ok");

    /** Copies the set. */
    public FleetQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    }

    boolean matches(final Device d) {
        return (area == null || area.equals(d.area())) && (type == null || type.equals(d.type()));
    }

    boolean matches(final FleetDevice d) {
        return statuses.isEmpty() || statuses.contains("silent") && d.silent()
                || statuses.contains("flapping") && d.flapping() || statuses.contains("batteryLow") && d.batteryLow()
                || statuses.contains("ok") && "ok".equals(d.status());
    }
}
