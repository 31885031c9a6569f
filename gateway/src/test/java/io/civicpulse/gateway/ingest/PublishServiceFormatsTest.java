// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.ingest.format.DeviceDirectory;
import io.civicpulse.gateway.ingest.format.FormatOptions;
import io.civicpulse.gateway.ingest.format.FormatRouter;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The publish path with every payload format: several readings of one message travel and complete as one. */
class PublishServiceFormatsTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC);
    private static final Device LAMP = new Device("sl-001", "streetlight", "lakeside", "$2a$04$x", 10, Double.NaN,
            Double.NaN, "", "");
    private static final Device BIN = new Device("bin-001", "bin", "lakeside", "$2a$04$x", 60, Double.NaN,
            Double.NaN, "", "", "7cf95720fc015fef");
    private static final String SENML = "[{\"bn\":\"sl-001:\",\"n\":\"current\",\"u\":\"A\",\"t\":-20,\"v\":0.41},"
            + "{\"n\":\"current\",\"u\":\"A\",\"t\":-10,\"v\":0.40},{\"n\":\"voltage\",\"u\":\"V\",\"v\":229.5}]";
    private static final String UPLINK = "{\"time\":\"2026-11-27T09:59:30Z\",\"fCnt\":12,\"object\":{\"level\":300,"
            + "\"temperature\":21}}";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RejectionLedger ledger = new RejectionLedger(10);
    private final TestLaneProcessor holding = TestLaneProcessor.holding();
    private IngestLanes lanes;
    private PublishService service;

    @BeforeEach
    void start() {
        lanes = new IngestLanes(1, 10, Duration.ofMillis(20), i -> holding, CLOCK, meters);
        lanes.start();
        service = new PublishService(FormatRouter.create(FormatOptions.defaults(), DeviceDirectory.of(List.of(LAMP,
                BIN)), 300_000), lanes, ledger, CLOCK, meters);
    }

    @AfterEach
    void stop() {
        lanes.close();
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void processPublish_senmlPackWithThreeTimes_isOneLaneItemAckedOnce() throws Exception {
        // given
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();

        // when sl-001 publishes a pack with three instants on its SenML topic
        service.processPublish("sl-001", LAMP, "cp/lakeside/streetlight/sl-001/senml", utf8(SENML),
                result::complete);
        await().atMost(Duration.ofSeconds(10)).until(() -> holding.heldCount() == 1);

        // then the lane holds one item with the three readings, oldest first, and the ack waits for it
        assertThat(result).isNotDone();
        final LaneItem item = holding.completeNext(IngestResult.ACCEPTED);
        assertThat(item.readings()).extracting(Reading::getTimestampMillis)
                .containsExactly(NOW - 20_000, NOW - 10_000, NOW);
        assertThat(result).isCompletedWithValue(IngestResult.ACCEPTED);
        assertThat(meters.get("gateway.ingest.messages").tag("outcome", "accepted").counter().count()).isEqualTo(1);
    }

    @Test
    void processPublish_senmlPackTheStoreRefuses_refusesEveryReadingOfIt() throws Exception {
        // given
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();
        service.processPublish("sl-001", LAMP, "cp/lakeside/streetlight/sl-001/senml", utf8(SENML),
                result::complete);

        // when the store write of the item fails
        final LaneItem item = holding.completeNext(new IngestResult(IngestOutcome.STORE_FAILED, "store down"));

        // then the one result covers all three readings: none is acknowledged on its own
        assertThat(item.readings()).hasSize(3);
        assertThat(result.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(IngestOutcome.STORE_FAILED);
    }

    @Test
    void processBridgedPublish_chirpStackUplink_isStoredForTheDeviceWithThatDevEui() throws Exception {
        // given
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();

        // when the bridge hands over an uplink (no MQTT identity)
        service.processBridgedPublish("bridge:chirpstack", "application/a1/device/7CF95720FC015FEF/event/up",
                utf8(UPLINK), result::complete);
        final LaneItem item = holding.completeNext(IngestResult.ACCEPTED);

        // then
        assertThat(item.readings()).singleElement().satisfies(r -> {
            assertThat(r.getDeviceId()).isEqualTo("bin-001");
            assertThat(r.getSequence()).isEqualTo(12L);
            assertThat(r.getMetrics()).containsEntry("fill_pct", 70.0).containsEntry("temperature_c", 21.0);
        });
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(IngestResult.ACCEPTED);
    }

    @Test
    void processBridgedPublish_unknownDevEui_isNotAuthorizedAndLedgeredWithTheSource() throws Exception {
        // given
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();

        // when
        service.processBridgedPublish("bridge:chirpstack", "application/a1/device/ffffffffffffffff/event/up",
                utf8(UPLINK), result::complete);

        // then
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(new IngestResult(IngestOutcome.NOT_AUTHORIZED,
                "no registered device has devEui ffffffffffffffff"));
        assertThat(ledger.recent(1)).singleElement().satisfies(r -> {
            assertThat(r.clientId()).isEqualTo("bridge:chirpstack");
            assertThat(r.outcome()).isEqualTo("not_authorized");
        });
        assertThat(holding.heldCount()).isZero();
    }

    @Test
    void processPublish_crewOnASenmlTopic_isNotAuthorized() throws Exception {
        // given
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();

        // when
        service.processPublish("ops-crew", null, "cp/lakeside/streetlight/sl-001/senml", utf8(SENML),
                result::complete);

        // then
        assertThat(result.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(IngestOutcome.NOT_AUTHORIZED);
        assertThat(holding.heldCount()).isZero();
    }
}
