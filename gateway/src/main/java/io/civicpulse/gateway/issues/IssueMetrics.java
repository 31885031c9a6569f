// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.RoutingClass;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Issue metrics: names declared once, tags from enums only (CONVENTIONS.md #13). Counters are registered up front
 * so every tag value shows as 0 before it first happens. Thread-safe.
 */
public final class IssueMetrics {
    /** Counter of issues opened, tagged {@code routing_class} ({@link RoutingClass}). */
    public static final String OPENED = "gateway.issues.opened";
    /** Counter of anomalies submitted, tagged {@code outcome} ({@link AnomalyOutcome#tag()}). */
    public static final String ANOMALIES = "gateway.issues.anomalies";
    /** Gauge of anomalies waiting for the issue worker. */
    public static final String QUEUE_DEPTH = "gateway.issues.queue.depth";

    private final Map<AnomalyOutcome, Counter> anomalies = new EnumMap<>(AnomalyOutcome.class);
    private final Map<RoutingClass, Counter> opened = new EnumMap<>(RoutingClass.class);

    IssueMetrics(final MeterRegistry registry, final Collection<?> queue) {
        for (final AnomalyOutcome outcome : AnomalyOutcome.values()) {
            anomalies.put(outcome, Counter.builder(ANOMALIES).description("Anomalies submitted to the issue service")
                    .tag("outcome", outcome.tag()).register(registry));
        }
        for (final RoutingClass routing : RoutingClass.values()) {
            opened.put(routing, Counter.builder(OPENED).description("Issues opened")
                    .tag("routing_class", routing.name()).register(registry));
        }
        Gauge.builder(QUEUE_DEPTH, queue, Collection::size).description("Anomalies waiting for the issue worker")
                .register(registry);
    }

    void count(final AnomalyOutcome outcome) {
        anomalies.get(outcome).increment();
    }

    void opened(final RoutingClass routing) {
        opened.get(routing).increment();
    }

    /** @return total anomalies with {@code outcome} so far */
    double total(final AnomalyOutcome outcome) {
        return anomalies.get(outcome).count();
    }
}
