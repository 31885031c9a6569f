// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Takes one telemetry PUBLISH through {@code checkTopic → authorise → decode → lane}; the lane then evaluates the
 * rules and stores the reading. Knows nothing of Netty, so it is tested with plain calls.
 *
 * <p>Thread-safe; called on Netty event loops. Refusals complete at once; accepted readings complete on a lane or
 * store-writer thread once durably stored.
 */
public final class PublishService {
    private final NativeJsonPayloadDecoder decoder;
    private final IngestLanes lanes;
    private final RejectionLedger ledger;
    private final Clock clock;
    private final Map<IngestOutcome, Counter> outcomes = new EnumMap<>(IngestOutcome.class);
    private final Timer ackLatency;

    /**
     * @param decoder  the payload decoder
     * @param lanes    the lanes readings go to
     * @param ledger   where refusals are recorded
     * @param clock    the gateway clock
     * @param registry meters
     */
    public PublishService(final NativeJsonPayloadDecoder decoder, final IngestLanes lanes,
                          final RejectionLedger ledger, final Clock clock, final MeterRegistry registry) {
        this.decoder = decoder;
        this.lanes = lanes;
        this.ledger = ledger;
        this.clock = clock;
        for (final IngestOutcome o : IngestOutcome.values()) {
            outcomes.put(o, Counter.builder(GatewayMetrics.INGEST_MESSAGES).tag("outcome", o.tag())
                    .description("PUBLISH packets by outcome").register(registry));
        }
        this.ackLatency = Timer.builder(GatewayMetrics.INGEST_ACK_LATENCY)
                .description("PUBLISH received to reading durably stored")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * Processes one PUBLISH.
     *
     * @param clientName the publishing client's name, for the ledger
     * @param device     the publishing device, or null when the client is not a device (a crew account)
     * @param topic      the topic name
     * @param payload    the payload bytes (owned by this call)
     * @param done       receives the result exactly once
     */
    public void processPublish(final String clientName, final Device device, final String topic,
                               final byte[] payload, final Consumer<IngestResult> done) {
        final TelemetryTopic parsed = TelemetryTopic.parse(topic);
        if (parsed == null) {
            refuse(clientName, topic, IngestOutcome.TOPIC_INVALID, "topic '" + topic
                    + "' is not cp/{community}/{type}/{deviceId}/telemetry", done);
            return;
        }
        if (device == null || !device.id().equals(parsed.deviceId()) || !device.type().equals(parsed.deviceType())
                || !device.community().equals(parsed.community())) {
            refuse(clientName, topic, IngestOutcome.NOT_AUTHORIZED, clientName + " may publish only on "
                    + (device == null ? "no telemetry topic" : device.telemetryTopic()), done);
            return;
        }
        final Reading reading;
        try {
            reading = decoder.decode(parsed, payload, 0, payload.length, clock.millis());
        } catch (final PayloadException e) {
            refuse(clientName, topic, IngestOutcome.PAYLOAD_INVALID, e.getMessage(), done);
            return;
        }
        final long received = System.nanoTime();
        final java.util.concurrent.atomic.AtomicBoolean answered = new java.util.concurrent.atomic.AtomicBoolean();
        final LaneItem item = new LaneItem(reading, result -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            count(result);
            if (result.accepted()) {
                ackLatency.record(System.nanoTime() - received, java.util.concurrent.TimeUnit.NANOSECONDS);
            } else {
                ledger.record(clientName, topic, result);
            }
            done.accept(result);
        });
        if (!lanes.offer(item)) {
            refuse(clientName, topic, IngestOutcome.OVERLOADED, "lane " + lanes.laneOf(reading.getDeviceId())
                    + " is full; retry later", done);
        }
    }

    private void refuse(final String clientName, final String topic, final IngestOutcome outcome,
                        final String reason, final Consumer<IngestResult> done) {
        final IngestResult result = new IngestResult(outcome, reason);
        count(result);
        ledger.record(clientName, topic, result);
        done.accept(result);
    }

    private void count(final IngestResult result) {
        outcomes.get(result.outcome()).increment();
    }
}
