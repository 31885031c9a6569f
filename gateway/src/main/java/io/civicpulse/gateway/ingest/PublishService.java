// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.ingest.format.FormatRouter;
import io.civicpulse.gateway.ingest.format.RouteException;
import io.civicpulse.gateway.ingest.format.Routed;
import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.registry.Device;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Takes one telemetry PUBLISH through {@code route (topic → format) → authorise → decode → lane}; the lane then
 * evaluates the rules and stores the readings. Knows nothing of Netty, so it is tested with plain calls.
 *
 * <p>The readings of one message (a SenML pack may hold several instants) go to their lane as one item: they are
 * stored together or refused together, never half.
 *
 * <p>A payload of an authenticated device refused as invalid is also reported to the device's lane
 * ({@link IngestLanes#payloadRejected}), so the rules can raise DV-04 (schema violations).
 *
 * <p>Thread-safe; called on Netty event loops (and by the broker bridge). Refusals complete at once; accepted
 * readings complete on a lane or store-writer thread once durably stored.
 */
public final class PublishService {
    private final FormatRouter router;
    private final IngestLanes lanes;
    private final RejectionLedger ledger;
    private final Clock clock;
    private final Map<IngestOutcome, Counter> outcomes = new EnumMap<>(IngestOutcome.class);
    private final Timer ackLatency;

    /**
     * @param router   picks the payload format by topic and resolves the device
     * @param lanes    the lanes readings go to
     * @param ledger   where refusals are recorded
     * @param clock    the gateway clock
     * @param registry meters
     */
    public PublishService(final FormatRouter router, final IngestLanes lanes, final RejectionLedger ledger,
                          final Clock clock, final MeterRegistry registry) {
        this.router = router;
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
     * A service that takes only native JSON on {@code cp/+/+/+/telemetry} ({@link FormatRouter#nativeOnly}).
     *
     * @param decoder  the native payload decoder
     * @param lanes    the lanes readings go to
     * @param ledger   where refusals are recorded
     * @param clock    the gateway clock
     * @param registry meters
     */
    public PublishService(final NativeJsonPayloadDecoder decoder, final IngestLanes lanes,
                          final RejectionLedger ledger, final Clock clock, final MeterRegistry registry) {
        this(FormatRouter.nativeOnly(decoder), lanes, ledger, clock, registry);
    }

    /**
     * Processes one PUBLISH received on the gateway's listener: a device may publish only about itself.
     *
     * @param clientName the publishing client's name, for the ledger
     * @param device     the publishing device, or null when the client is not a device (a crew account)
     * @param topic      the topic name
     * @param payload    the payload bytes (owned by this call)
     * @param done       receives the result exactly once
     */
    public void processPublish(final String clientName, final Device device, final String topic,
                               final byte[] payload, final Consumer<IngestResult> done) {
        final Routed routed;
        try {
            if (device == null) {
                router.requireRoute(topic);
                refuse(clientName, topic, IngestOutcome.NOT_AUTHORIZED, clientName
                        + " may publish only on no telemetry topic", done);
                return;
            }
            if (namesAnotherDevice(topic, device)) {
                refuse(clientName, topic, IngestOutcome.NOT_AUTHORIZED, clientName + " may publish only about "
                        + "itself, not on " + topic, done);
                return;
            }
            routed = router.route(topic, payload, device, clock.millis());
        } catch (final RouteException e) {
            refuse(clientName, topic, outcomeOf(e.kind()), e.getMessage(), done);
            if (e.kind() == RouteException.Kind.PAYLOAD_INVALID) {
                // A registered device that sends what we cannot read needs maintenance (DV-04): its lane's rules
                // count the refusal on the lane thread. Other refusals are about topics or rights, not the device.
                lanes.payloadRejected(device.id(), clock.millis(), e.getMessage());
            }
            return;
        }
        enqueue(clientName, topic, routed, done);
    }

    /**
     * A device topic {@code cp/{community}/{type}/{id}/...} of another device (status, command, ...) is not this
     * device's to publish on: MQTT 5 0x87 Not authorized, not 0x90 Topic Name invalid (the name is well formed).
     * Telemetry topics are judged by the format router, which says the same.
     */
    private static boolean namesAnotherDevice(final String topic, final Device device) {
        final String[] levels = topic.split("/", 6);
        return levels.length >= 5 && "cp".equals(levels[0]) && TelemetryTopic.parse(topic) == null
                && !(levels[1].equals(device.community())
                && levels[2].equals(device.type()) && levels[3].equals(device.id()));
    }

    /**
     * Processes one message that carries no MQTT identity to check, such as an uplink the broker bridge received
     * from a LoRaWAN network server: the device is the one its topic and payload name, and must be registered.
     *
     * @param source  who delivered it (e.g. {@code bridge:chirpstack}), for the ledger
     * @param topic   the topic name
     * @param payload the payload bytes (owned by this call)
     * @param done    receives the result exactly once: {@link IngestOutcome#ACCEPTED} once durably stored
     */
    public void processBridgedPublish(final String source, final String topic, final byte[] payload,
                                      final Consumer<IngestResult> done) {
        final Routed routed;
        try {
            routed = router.route(topic, payload, clock.millis());
        } catch (final RouteException e) {
            refuse(source, topic, outcomeOf(e.kind()), e.getMessage(), done);
            return;
        }
        enqueue(source, topic, routed, done);
    }

    private void enqueue(final String clientName, final String topic, final Routed routed,
                         final Consumer<IngestResult> done) {
        final long received = System.nanoTime();
        final AtomicBoolean answered = new AtomicBoolean();
        final LaneItem item = new LaneItem(routed.readings(), result -> {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            count(result);
            if (result.accepted()) {
                ackLatency.record(System.nanoTime() - received, TimeUnit.NANOSECONDS);
            } else {
                ledger.record(clientName, topic, result);
            }
            done.accept(result);
        });
        if (!lanes.offer(item)) {
            refuse(clientName, topic, IngestOutcome.OVERLOADED, "lane " + lanes.laneOf(routed.device().id())
                    + " is full; retry later", done);
        }
    }

    private static IngestOutcome outcomeOf(final RouteException.Kind kind) {
        return switch (kind) {
            case TOPIC_INVALID -> IngestOutcome.TOPIC_INVALID;
            case NOT_AUTHORIZED, UNKNOWN_DEVICE -> IngestOutcome.NOT_AUTHORIZED;
            case PAYLOAD_INVALID -> IngestOutcome.PAYLOAD_INVALID;
        };
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
