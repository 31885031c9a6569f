// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.TelemetrySchema;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.engine.RuleParameters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Fleet health for every registered device: last seen (ever, before {@code now}), readings in the window, uptime
 * (readings times the device's reporting interval over the window, at most 100 %), and silent (no reading for
 * {@code rules.device.silentIntervals} intervals, or never seen).
 */
final class FleetAnalysis {
    private final AnalysisQueries queries;
    private final RuleParameters rules;

    FleetAnalysis(final AnalysisQueries queries, final RuleParameters rules) {
        this.queries = queries;
        this.rules = rules;
    }

    /** @param silentOnly only the silent devices */
    AnalysisTable health(final List<Device> devices, final Instant now, final Duration window,
                         final boolean silentOnly) throws TelemetryStoreException {
        final Map<String, Instant> lastSeen = new HashMap<>();
        final Map<String, Long> counts = new HashMap<>();
        for (final String type : new TreeSet<>(devices.stream().map(Device::type).toList())) {
            if (!TelemetrySchema.isValidName(type)) {
                continue;
            }
            queries.latest(type, null, now).forEach((device, latest) -> lastSeen.put(device, latest.at()));
            counts.putAll(queries.readings(type, now.minus(window), now));
        }
        final List<List<Object>> rows = new ArrayList<>();
        for (final Device d : devices.stream().sorted(Comparator.comparing(Device::id)).toList()) {
            final Instant last = lastSeen.get(d.id());
            final long readings = counts.getOrDefault(d.id(), 0L);
            final double uptime = Math.min(100.0, 100.0 * readings * d.intervalSeconds() / window.toSeconds());
            final boolean silent = last == null
                    || now.toEpochMilli() - last.toEpochMilli() > rules.silenceMillis(d.intervalSeconds() * 1000L);
            if (!silentOnly || silent) {
                rows.add(Arrays.asList(d.id(), d.type(), d.community(), d.area(), last, readings,
                        Math.round(uptime * 10.0) / 10.0, silent));
            }
        }
        return new AnalysisTable(List.of("device", "type", "community", "area", "last_seen", "readings",
                "uptime_pct", "silent"), rows);
    }
}
