// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.issues.IssueService;
import io.civicpulse.gateway.issues.IssueSummary;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.ruleops.AnomalyGate;
import io.civicpulse.gateway.ruleops.AnomalyGate.FlappingKey;
import io.civicpulse.rules.engine.RuleParameters;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Computes the fleet status of every registered device on request: one issue-store query for the open DV-01, DV-02
 * and DV-05 issues, one look at the anomaly gate's flapping keys, and the last-reading times of
 * {@link DeviceActivity}. Thread-safe; blocks on the issue database (and, once per device, the telemetry store).
 */
public final class FleetService {
    /** The store is searched this far back at least for a device's last reading (the fleet page shows it). */
    static final Duration MIN_LOOKBACK = Duration.ofHours(1);
    private static final List<String> RANK = List.of("silent", "flapping", "batteryLow", "ok");

    private final Registry registry;
    private final DeviceActivity activity;
    private final IssueService issues;
    private final AnomalyGate gate;
    private final Predicate<String> connected;
    private final RuleParameters rules;
    private final Clock clock;
    private final Instant watchedSince;

    /**
     * @param registry     the registered devices, never null
     * @param activity     last readings, never null
     * @param issues       open issues, never null
     * @param gate         the anomaly gate (flapping keys), never null
     * @param connected    true for a device id with a connection to the MQTT listener, never null
     * @param rules        {@code rules.device.silentIntervals}, never null
     * @param clock        the gateway clock, never null
     * @param watchedSince when the gateway started watching (its start): a device not heard from since is quiet
     *                     since then, never null
     */
    public FleetService(final Registry registry, final DeviceActivity activity, final IssueService issues,
                        final AnomalyGate gate, final Predicate<String> connected, final RuleParameters rules,
                        final Clock clock, final Instant watchedSince) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null.");
        this.activity = Objects.requireNonNull(activity, "activity must not be null.");
        this.issues = Objects.requireNonNull(issues, "issues must not be null.");
        this.gate = Objects.requireNonNull(gate, "gate must not be null.");
        this.connected = Objects.requireNonNull(connected, "connected must not be null.");
        this.rules = Objects.requireNonNull(rules, "rules must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.watchedSince = Objects.requireNonNull(watchedSince, "watchedSince must not be null.");
    }

    /**
     * @param query filters, never null
     * @return the matching devices, silent first, then flapping, battery low and ok, each by id; with counts
     */
    public FleetReport fleet(final FleetQuery query) {
        final Instant now = clock.instant();
        final Map<String, List<IssueSummary>> open = issues.listOpenDeviceIssues(FleetRules.CATEGORIES).stream()
                .collect(Collectors.groupingBy(IssueSummary::deviceId));
        final Map<String, List<FlappingKey>> flapping = gate.flapping().stream()
                .collect(Collectors.groupingBy(FlappingKey::deviceId));
        final List<FleetDevice> devices = registry.devices().stream().filter(query::matches)
                .map(d -> FleetRules.classify(facts(d, now, open, flapping))).filter(query::matches)
                .sorted(Comparator.comparing((FleetDevice d) -> RANK.indexOf(d.status())).thenComparing(
                        FleetDevice::id)).toList();
        final Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("devices", devices.size());
        counts.put("silent", (int) devices.stream().filter(FleetDevice::silent).count());
        counts.put("flapping", (int) devices.stream().filter(FleetDevice::flapping).count());
        counts.put("batteryLow", (int) devices.stream().filter(FleetDevice::batteryLow).count());
        counts.put("ok", (int) devices.stream().filter(d -> "ok".equals(d.status())).count());
        return new FleetReport(now, counts, devices);
    }

    /** @return the area names of the registered devices, for validating {@code ?area=} */
    public List<String> areas() {
        return registry.devices().stream().map(Device::area).filter(a -> !a.isEmpty()).distinct().sorted().toList();
    }

    /** @return the device types of the registry, for validating {@code ?type=} */
    public List<String> types() {
        return registry.devices().stream().map(Device::type).distinct().sorted().toList();
    }

    private FleetRules.Facts facts(final Device d, final Instant now, final Map<String, List<IssueSummary>> open,
                                   final Map<String, List<FlappingKey>> flapping) {
        final long silence = rules.silenceMillis(d.intervalSeconds() * 1000L);
        final Duration lookback = Duration.ofMillis(Math.max(2 * silence, MIN_LOOKBACK.toMillis()));
        return new FleetRules.Facts(d, activity.lastSeen(d, now, lookback).orElse(null), watchedSince,
                connected.test(d.id()), open.getOrDefault(d.id(), List.of()),
                flapping.getOrDefault(d.id(), List.of()), now, silence);
    }

    /**
     * The answer of {@code GET /api/fleet}.
     *
     * @param at      when it was computed
     * @param counts  devices listed, and how many are silent, flapping, battery low and ok
     * @param devices the devices
     */
    public record FleetReport(Instant at, Map<String, Integer> counts, List<FleetDevice> devices) {
    }
}
