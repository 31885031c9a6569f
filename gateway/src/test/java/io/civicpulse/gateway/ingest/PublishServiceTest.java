// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/** checkTopic → authorise → decode → lane, with real lanes and a lane processor that accepts everything. */
class PublishServiceTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private static final Device BIN = new Device("bin-001", "bin", "lakeside",
            "$2a$04$0TrUDblziYbbiJdWfuVmM.BqLHT7VrWKpIJhySxCCf14efRJ8yF.u", 60, Double.NaN, Double.NaN, "", "");
    private static final String TOPIC = "cp/lakeside/bin/bin-001/telemetry";
    private static final String VALID = "{\"ts\": " + NOW + ", \"seq\": 7, \"metrics\": {\"fill_pct\": 93.5}}";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RejectionLedger ledger = new RejectionLedger(10);
    private final TestLaneProcessor processor = TestLaneProcessor.completing(IngestResult.ACCEPTED);
    private IngestLanes lanes;
    private PublishService service;

    @BeforeEach
    void startLanes() {
        lanes = new IngestLanes(1, 100, Duration.ofMillis(20), i -> processor, CLOCK, meters);
        lanes.start();
        service = new PublishService(new NativeJsonPayloadDecoder(300_000), lanes, ledger, CLOCK, meters);
    }

    @AfterEach
    void closeLanes() {
        lanes.close();
    }

    private static IngestResult publish(final PublishService s, final String client, final Device device,
                                        final String topic, final String payload) throws Exception {
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();
        s.processPublish(client, device, topic, payload.getBytes(StandardCharsets.UTF_8), result::complete);
        return result.get(10, TimeUnit.SECONDS);
    }

    private IngestResult publish(final Device device, final String topic, final String payload) throws Exception {
        return publish(service, device == null ? "lighting-crew" : device.id(), device, topic, payload);
    }

    private double count(final IngestOutcome outcome) {
        return meters.get(GatewayMetrics.INGEST_MESSAGES).tag("outcome", outcome.tag()).counter().count();
    }

    @Test
    void processPublish_validReading_isAcceptedAndReachesTheLane() throws Exception {
        // given
        // when
        final IngestResult result = publish(BIN, TOPIC, VALID);

        // then
        assertThat(result).isEqualTo(IngestResult.ACCEPTED);
        assertThat(processor.processed()).hasSize(1);
        final Reading r = processor.processed().get(0);
        assertThat(r.getDeviceId()).isEqualTo("bin-001");
        assertThat(r.getDeviceType()).isEqualTo("bin");
        assertThat(r.getCommunity()).isEqualTo("lakeside");
        assertThat(r.getSequence()).isEqualTo(7L);
        assertThat(r.getMetrics()).containsOnly(entry("fill_pct", 93.5));
        assertThat(r.getReceivedMillis()).as("receive time, for DV-03").isEqualTo(NOW);
        assertThat(ledger.recent(10)).isEmpty();
    }

    @Test
    void processPublish_validReading_completesOnlyWhenTheLaneDoes() throws Exception {
        // given a lane that holds readings until the test completes them
        final TestLaneProcessor holding = TestLaneProcessor.holding();
        final SimpleMeterRegistry m = new SimpleMeterRegistry();
        final IngestLanes held = new IngestLanes(1, 10, Duration.ofMillis(20), i -> holding, CLOCK, m);
        held.start();
        try {
            final PublishService s = new PublishService(new NativeJsonPayloadDecoder(300_000), held, ledger, CLOCK, m);
            final CompletableFuture<IngestResult> result = new CompletableFuture<>();
            s.processPublish("bin-001", BIN, TOPIC, VALID.getBytes(StandardCharsets.UTF_8), result::complete);
            await().atMost(Duration.ofSeconds(10)).until(() -> holding.heldCount() == 1);
            assertThat(result).as("not complete while the lane holds the reading").isNotDone();

            // when the lane has stored it
            final LaneItem item = holding.completeNext(IngestResult.ACCEPTED);

            // then
            assertThat(item.reading().getDeviceId()).isEqualTo("bin-001");
            assertThat(result).isCompletedWithValue(IngestResult.ACCEPTED);
            assertThat(m.get(GatewayMetrics.INGEST_MESSAGES).tag("outcome", "accepted").counter().count())
                    .isEqualTo(1);
        } finally {
            held.close();
        }
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"cp/lakeside/bin/bin-001/data", "lakeside/bin/bin-001/telemetry",
        "cp/lakeside/bin/bin-001/telemetry/extra", "cp/lakeside/bin/bin-001/cmd", ""})
    void processPublish_notATelemetryTopic_isTopicInvalid(final String topic) throws Exception {
        // given
        // when
        final IngestResult result = publish(BIN, topic, VALID);

        // then
        assertThat(result.outcome()).isEqualTo(IngestOutcome.TOPIC_INVALID);
        assertThat(result.reason()).contains("'" + topic + "'").contains("cp/{community}/{type}/{deviceId}/telemetry");
        assertThat(processor.processed()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cp/lakeside/bin/bin-002/telemetry", "cp/lakeside/gate/bin-001/telemetry",
        "cp/riverside/bin/bin-001/telemetry"})
    void processPublish_anotherDevicesTopic_isNotAuthorized(final String topic) throws Exception {
        // given bin-001 publishing on another id, type or community
        // when
        final IngestResult result = publish(BIN, topic, VALID);

        // then
        assertThat(result.outcome()).isEqualTo(IngestOutcome.NOT_AUTHORIZED);
        assertThat(result.reason()).isEqualTo("bin-001 may publish only on " + TOPIC);
        assertThat(processor.processed()).isEmpty();
    }

    @Test
    void processPublish_crewAccount_isNotAuthorized() throws Exception {
        // given a crew connection (no device) publishing on a device's topic
        // when
        final IngestResult result = publish(null, TOPIC, VALID);

        // then
        assertThat(result.outcome()).isEqualTo(IngestOutcome.NOT_AUTHORIZED);
        assertThat(result.reason()).contains("lighting-crew").contains("no telemetry topic");
        assertThat(processor.processed()).isEmpty();
    }

    @Test
    void processPublish_badPayload_isPayloadInvalidWithTheReason() throws Exception {
        // given
        // when
        final IngestResult result = publish(BIN, TOPIC, "{\"metrics\": {\"fill_pct\": 1}}");

        // then
        assertThat(result.outcome()).isEqualTo(IngestOutcome.PAYLOAD_INVALID);
        assertThat(result.reason()).isEqualTo("ts is missing");
        assertThat(processor.processed()).isEmpty();
        // and the device's lane hears of it, for DV-04
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> !processor.offline().isEmpty());
        assertThat(processor.offline()).singleElement().asString()
                .startsWith("rejected bin-001@" + NOW + " (ts is missing)");
    }

    @Test
    void processPublish_refusedForItsTopicOrRights_isNotReportedToTheLane() throws Exception {
        // given
        // when: another device's topic, and a crew account
        publish(BIN, "cp/lakeside/bin/bin-002/telemetry", "{\"metrics\": {}}");
        publish(null, TOPIC, "{\"metrics\": {}}");
        publish(BIN, TOPIC, VALID);

        // then: the lane saw the valid reading, and no device report
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5))
                .until(() -> processor.processed().size() == 1);
        assertThat(processor.offline()).isEmpty();
    }

    @Test
    void processPublish_readingFromTheFuture_isPayloadInvalid() throws Exception {
        // given a device clock an hour ahead of the gateway clock
        final String payload = "{\"ts\": " + (NOW + 3_600_000) + ", \"metrics\": {\"fill_pct\": 1}}";

        // when
        final IngestResult result = publish(BIN, TOPIC, payload);

        // then
        assertThat(result.outcome()).isEqualTo(IngestOutcome.PAYLOAD_INVALID);
        assertThat(result.reason()).contains("3600 s in the future");
    }

    @Test
    void processPublish_laneFull_isOverloaded() throws Exception {
        // given a lane of capacity one that does not run, already holding a reading
        final IngestLanes full = new IngestLanes(1, 1, Duration.ofMillis(20), i -> processor, CLOCK,
                new SimpleMeterRegistry());
        final SimpleMeterRegistry m = new SimpleMeterRegistry();
        final PublishService s = new PublishService(new NativeJsonPayloadDecoder(300_000), full, ledger, CLOCK, m);
        final CompletableFuture<IngestResult> first = new CompletableFuture<>();
        s.processPublish("bin-001", BIN, TOPIC, VALID.getBytes(StandardCharsets.UTF_8), first::complete);

        // when
        final IngestResult second = publish(s, "bin-001", BIN, TOPIC, VALID);

        // then
        assertThat(first).isNotDone();
        assertThat(second.outcome()).isEqualTo(IngestOutcome.OVERLOADED);
        assertThat(second.reason()).isEqualTo("lane 0 is full; retry later");
        assertThat(m.get(GatewayMetrics.INGEST_MESSAGES).tag("outcome", "overloaded").counter().count()).isEqualTo(1);
        assertThat(ledger.recent(1)).extracting(RejectionLedger.Rejection::outcome).containsExactly("overloaded");
    }

    @Test
    void processPublish_storeFails_isLedgeredAndCounted() throws Exception {
        // given a lane whose store write fails
        final TestLaneProcessor failing = TestLaneProcessor.completing(
                new IngestResult(IngestOutcome.STORE_FAILED, "store down"));
        final SimpleMeterRegistry m = new SimpleMeterRegistry();
        final IngestLanes l = new IngestLanes(1, 10, Duration.ofMillis(20), i -> failing, CLOCK, m);
        l.start();
        try {
            final PublishService s = new PublishService(new NativeJsonPayloadDecoder(300_000), l, ledger, CLOCK, m);

            // when
            final IngestResult result = publish(s, "bin-001", BIN, TOPIC, VALID);

            // then
            assertThat(result.outcome()).isEqualTo(IngestOutcome.STORE_FAILED);
            assertThat(m.get(GatewayMetrics.INGEST_MESSAGES).tag("outcome", "store_failed").counter().count())
                    .isEqualTo(1);
            assertThat(m.get(GatewayMetrics.INGEST_ACK_LATENCY).timer().count()).isZero();
            assertThat(ledger.recent(1)).singleElement().satisfies(r -> {
                assertThat(r.outcome()).isEqualTo("store_failed");
                assertThat(r.reason()).isEqualTo("store down");
            });
        } finally {
            l.close();
        }
    }

    @Test
    void processPublish_refusals_areLedgeredNewestFirst() throws Exception {
        // given
        publish(BIN, "cp/lakeside/bin/bin-001/data", VALID);
        publish(BIN, TOPIC, VALID);
        publish(BIN, "cp/lakeside/bin/bin-002/telemetry", VALID);

        // when
        publish(BIN, TOPIC, "[]");

        // then the accepted reading is not in the ledger
        assertThat(ledger.recent(10)).extracting(RejectionLedger.Rejection::outcome)
                .containsExactly("payload_invalid", "not_authorized", "topic_invalid");
        assertThat(ledger.recent(10)).extracting(RejectionLedger.Rejection::topic)
                .containsExactly(TOPIC, "cp/lakeside/bin/bin-002/telemetry", "cp/lakeside/bin/bin-001/data");
        assertThat(ledger.recent(10)).extracting(RejectionLedger.Rejection::clientId).containsOnly("bin-001");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"cp/lakeside/bin/bin-002/status", "cp/hillview/bin/bin-001/status",
        "cp/lakeside/streetlight/bin-001/cmd", "cp/lakeside/bin/bin-002/telemetry/extra"})
    void processPublish_anotherDevicesStatusOrCommandTopic_isNotAuthorized(final String topic) throws Exception {
        // given a device publishing on a well-formed device topic that is not its own
        // when
        final IngestResult result = publish(BIN, topic, VALID);

        // then it is refused as not authorized (MQTT 5 0x87), not as an invalid topic name
        assertThat(result.outcome()).isEqualTo(IngestOutcome.NOT_AUTHORIZED);
        assertThat(result.reason()).contains("only about itself").contains(topic);
        assertThat(processor.processed()).isEmpty();
    }

    @Test
    void processPublish_mixedOutcomes_areCountedByOutcome() throws Exception {
        // given
        // when
        publish(BIN, TOPIC, VALID);
        publish(BIN, TOPIC, VALID);
        publish(BIN, "cp/x", VALID);
        publish(null, TOPIC, VALID);
        publish(BIN, "cp/lakeside/bin/bin-002/telemetry", VALID);
        publish(BIN, TOPIC, "not json");

        // then
        assertThat(count(IngestOutcome.ACCEPTED)).isEqualTo(2);
        assertThat(count(IngestOutcome.TOPIC_INVALID)).isEqualTo(1);
        assertThat(count(IngestOutcome.NOT_AUTHORIZED)).isEqualTo(2);
        assertThat(count(IngestOutcome.PAYLOAD_INVALID)).isEqualTo(1);
        assertThat(count(IngestOutcome.OVERLOADED)).isZero();
        assertThat(count(IngestOutcome.STORE_FAILED)).isZero();
        assertThat(meters.get(GatewayMetrics.INGEST_MESSAGES).counters()).hasSize(IngestOutcome.values().length);
        assertThat(meters.get(GatewayMetrics.INGEST_ACK_LATENCY).timer().count()).isEqualTo(2);
    }
}
