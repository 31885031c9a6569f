// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The broker's counters, created once. Thread-safe. */
final class BrokerMeters {
    private final Counter routed;
    private final Counter delivered;
    private final Counter expired;
    private final Counter overflow;
    private final Counter tooLarge;
    private final MeterRegistry registry;

    /** @param registry meters */
    BrokerMeters(final MeterRegistry registry) {
        this.registry = registry;
        this.routed = registry.counter(MqttMetrics.MESSAGES_ROUTED);
        this.delivered = registry.counter(MqttMetrics.MESSAGES_DELIVERED);
        this.expired = registry.counter(MqttMetrics.MESSAGES_DROPPED, "reason", "expired");
        this.overflow = registry.counter(MqttMetrics.MESSAGES_DROPPED, "reason", "queue_overflow");
        this.tooLarge = registry.counter(MqttMetrics.MESSAGES_DROPPED, "reason", "too_large");
    }

    void routed() {
        routed.increment();
    }

    void delivered() {
        delivered.increment();
    }

    void expired() {
        expired.increment();
    }

    void overflow() {
        overflow.increment();
    }

    void tooLarge() {
        tooLarge.increment();
    }

    /** @param limit the limit that refused something (a bounded word) */
    void limit(final String limit) {
        registry.counter(MqttMetrics.LIMITS, "limit", limit).increment();
    }

    /** @param source who defined the will: {@code client} or {@code gateway} */
    void will(final String source) {
        registry.counter(MqttMetrics.WILLS, "source", source).increment();
    }

    /** @return the registry, for gauges */
    MeterRegistry registry() {
        return registry;
    }
}
