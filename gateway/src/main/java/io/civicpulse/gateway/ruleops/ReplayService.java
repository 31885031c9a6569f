// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.silences.SilenceStore;
import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleEngine;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import io.civicpulse.rules.model.ThresholdCondition;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays recorded readings through a rule pack on a pseudo clock that follows the readings' event time, and lists
 * what the rules decided and which issues would be opened (after roll-up, inhibition and flapping, without
 * silences). Nothing is written anywhere. Thread-safe: every replay uses its own session.
 */
public final class ReplayService {
    private final Function<String, Optional<Device>> devices;
    private final RuleParameters parameters;
    private final List<ThresholdCondition> conditions;
    private final int flappingRaises;
    private final long flappingWindowMillis;
    private final int minDarkLamps;

    /**
     * The outcome of one replay.
     *
     * @param readings  readings replayed
     * @param from      event time of the first reading, or null
     * @param until     the clock at the end
     * @param anomalies every verdict of the rules, in order
     * @param wouldOpen the raises that would reach the issue store (one per would-be issue or merge)
     */
    public record Report(int readings, Instant from, Instant until, List<Anomaly> anomalies,
                         List<Anomaly> wouldOpen) {
    }

    /**
     * @param devices              registry lookup (registered devices in the replay are judged for silence)
     * @param parameters           thresholds
     * @param conditions           threshold conditions
     * @param flappingRaises       see {@link AnomalyGate}
     * @param flappingWindowMillis see {@link AnomalyGate}
     * @param minDarkLamps         see {@link AnomalyGate}
     */
    public ReplayService(final Function<String, Optional<Device>> devices, final RuleParameters parameters,
                         final List<ThresholdCondition> conditions, final int flappingRaises,
                         final long flappingWindowMillis, final int minDarkLamps) {
        this.devices = Objects.requireNonNull(devices, "devices must not be null.");
        this.parameters = Objects.requireNonNull(parameters, "parameters must not be null.");
        this.conditions = List.copyOf(conditions);
        this.flappingRaises = flappingRaises;
        this.flappingWindowMillis = flappingWindowMillis;
        this.minDarkLamps = minDarkLamps;
    }

    /**
     * @param engine     the pack to replay through
     * @param readings   readings in per-device order (replayed in event-time order across devices)
     * @param untilMillis move the clock here at the end (durations and silences that elapse after the last reading),
     *                   or a value below the last reading's time for none
     * @return what the rules decided
     */
    public Report replay(final RuleEngine engine, final List<Reading> readings, final long untilMillis) {
        if (readings.isEmpty()) {
            return new Report(0, null, null, List.of(), List.of());
        }
        final long start = readings.stream().mapToLong(Reading::getTimestampMillis).min().orElseThrow();
        final List<Anomaly> verdicts = new ArrayList<>();
        final List<Anomaly> forwarded = new ArrayList<>();
        final Clock clock = Clock.fixed(Instant.ofEpochMilli(start), ZoneOffset.UTC);
        // Silences are left out on purpose: a replay shows what the rules would open, not what is muted today.
        final AnomalyGate gate = new AnomalyGate(devices, new SilenceStore(null, new ObjectMapper(), clock),
                new InMemorySuppressionLedger(1, new SimpleMeterRegistry()), forwarded::add, flappingRaises,
                flappingWindowMillis, minDarkLamps, clock);
        final long end;
        try (RuleSession session = engine.openSession(parameters, a -> {
            verdicts.add(a);
            gate.accept(a);
        }, start, ClockSource.EVENTS)) {
            session.replaceConditions(conditions);
            final Set<String> seen = new LinkedHashSet<>();
            for (final Reading r : readings) {
                if (seen.add(r.getDeviceId())) {
                    devices.apply(r.getDeviceId()).ifPresent(d -> session.register(new DeviceProfile(
                            d.community(), d.type(), d.id(), d.intervalSeconds() * 1000L)));
                }
            }
            // Event-time order across devices (stable, so each device keeps its own order): the clock follows the
            // readings, and one device's late block must not make the others look silent.
            final List<Reading> ordered = new ArrayList<>(readings);
            ordered.sort(Comparator.comparingLong(Reading::getTimestampMillis));
            session.process(ordered);
            session.advanceTo(untilMillis);
            end = session.now();
        }
        final List<Anomaly> wouldOpen = forwarded.stream().filter(a -> a.status() == AnomalyStatus.RAISED).toList();
        return new Report(readings.size(), Instant.ofEpochMilli(start), Instant.ofEpochMilli(end),
                List.copyOf(verdicts), wouldOpen);
    }
}
