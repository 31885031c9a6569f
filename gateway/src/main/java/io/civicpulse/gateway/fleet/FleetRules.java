// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.issues.IssueSummary;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.ruleops.AnomalyGate.FlappingKey;
import io.civicpulse.rules.engine.Evidence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The fleet page's flags, from one source of truth each (docs/console.md, "Fleet"):
 * <ul>
 *   <li><b>silent</b>: an open {@value #SILENT} issue for the device, or no reading for
 *       {@code rules.device.silentIntervals} × its reporting interval (counted from the gateway's start for a device
 *       not heard from since; the rules raise DV-01 on the same count, so this only shows it before the issue
 *       opens, or while DV-01 is silenced or held);</li>
 *   <li><b>flapping</b>: an open {@value #CONNECTION_FLAPPING} issue (the connection keeps dropping), or any of the
 *       device's categories held as flapping by the anomaly gate ({@code rules.flapping});</li>
 *   <li><b>batteryLow</b>: an open {@value #BATTERY_LOW} issue.</li>
 * </ul>
 * Open means every state but CLOSED, REJECTED and MERGED. Stateless.
 */
public final class FleetRules {
    /** Category of a silent device (no reading, or its connection lost without DISCONNECT). */
    public static final String SILENT = "DV-01";
    /** Category of a low battery. */
    public static final String BATTERY_LOW = "DV-02";
    /**
     * Category of a device whose connection keeps dropping and coming back (connection flapping). Matched by code:
     * the flag works as soon as the governance policy and the rules have the category.
     */
    public static final String CONNECTION_FLAPPING = "DV-05";
    /** The categories whose open issues set a flag. */
    public static final Set<String> CATEGORIES = Set.of(SILENT, BATTERY_LOW, CONNECTION_FLAPPING);

    private FleetRules() {
    }

    /** What is known about one device at {@code now}. */
    record Facts(Device device, Instant lastSeen, Instant watchedSince, boolean connected, List<IssueSummary> open,
                 List<FlappingKey> flapping, Instant now, long silenceMillis) {
    }

    static FleetDevice classify(final Facts f) {
        final List<String> reasons = new ArrayList<>();
        final List<FleetDevice.OpenIssue> issues = new ArrayList<>();
        boolean silent = false;
        boolean flapping = false;
        boolean batteryLow = false;
        for (final IssueSummary i : f.open()) {
            issues.add(new FleetDevice.OpenIssue(i.id(), i.category(), i.state()));
            reasons.add(i.category() + " open: " + i.id() + " (" + i.state() + ")");
            silent |= SILENT.equals(i.category());
            batteryLow |= BATTERY_LOW.equals(i.category());
            flapping |= CONNECTION_FLAPPING.equals(i.category());
        }
        final Instant quietSince = f.lastSeen() != null ? f.lastSeen() : f.watchedSince();
        final long quiet = f.now().toEpochMilli() - quietSince.toEpochMilli();
        if (quiet > f.silenceMillis()) {
            silent = true;
            reasons.add((f.lastSeen() != null ? "no reading for " : "no reading since the gateway started ")
                    + Evidence.duration(quiet) + (f.lastSeen() != null ? "" : " ago") + " (silent after "
                    + Evidence.duration(f.silenceMillis()) + ")");
        }
        for (final FlappingKey k : f.flapping()) {
            flapping = true;
            reasons.add(k.category() + " flapping: raised " + k.raises() + " times in the flapping window; the "
                    + "anomaly gate holds its changes until it is quiet");
        }
        final Device d = f.device();
        final String status = silent ? "silent" : flapping ? "flapping" : batteryLow ? "batteryLow" : "ok";
        return new FleetDevice(d.id(), d.type(), d.community(), d.area(), d.segment(),
                Double.isNaN(d.lat()) ? null : d.lat(), Double.isNaN(d.lon()) ? null : d.lon(), d.intervalSeconds(),
                f.lastSeen(), f.connected(), silent, flapping, batteryLow, status, reasons, issues);
    }
}
