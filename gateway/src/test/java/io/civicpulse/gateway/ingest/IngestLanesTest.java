// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class IngestLanesTest {
    private static final long START = 1_764_266_400_000L;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<TestLaneProcessor> processors = new ArrayList<>();
    private final List<IngestLanes> opened = new ArrayList<>();

    private IngestLanes lanes(final int count, final int capacity, final Duration tick, final Clock clock) {
        for (int i = 0; i < count; i++) {
            processors.add(TestLaneProcessor.completing(IngestResult.ACCEPTED));
        }
        final IngestLanes lanes = new IngestLanes(count, capacity, tick, processors::get, clock, meters);
        opened.add(lanes);
        return lanes;
    }

    private IngestLanes lanes(final int count, final int capacity) {
        return lanes(count, capacity, Duration.ofMillis(20), Clock.systemUTC());
    }

    private static LaneItem item(final String deviceId, final long seq) {
        return new LaneItem(new Reading("lakeside", "bin", deviceId, START + seq, seq, Map.of("fill_pct", 1.0)),
                r -> { });
    }

    private int processedCount() {
        return processors.stream().mapToInt(p -> p.processed().size()).sum();
    }

    @AfterEach
    void closeLanes() {
        processors.forEach(TestLaneProcessor::release);
        opened.forEach(IngestLanes::close);
    }

    @Test
    void laneOf_anyDevice_isStableAndInRange() {
        // given device ids, including one whose hash code is Integer.MIN_VALUE
        final List<String> ids = new ArrayList<>(List.of("polygenelubricants", "", "sl-001", "Aa", "BB"));
        IntStream.range(0, 500).forEach(i -> ids.add("bin-" + i));

        for (int count = 1; count <= 8; count++) {
            for (final String id : ids) {
                // when
                final int lane = IngestLanes.laneOf(id, count);

                // then
                assertThat(lane).as("%s of %d", id, count).isBetween(0, count - 1)
                        .isEqualTo(IngestLanes.laneOf(id, count));
            }
        }
    }

    @Test
    void deviceOffline_isHandedToTheDevicesLaneOnItsOwnThread() {
        // given two started lanes
        final IngestLanes lanes = lanes(2, 10);
        lanes.start();
        final int lane = lanes.laneOf("bin-007");

        // when the device's connection is lost
        lanes.deviceOffline("bin-007", START);

        // then only its lane's processor hears it, on the lane thread
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> !processors.get(lane).offline().isEmpty());
        assertThat(processors.get(lane).offline()).containsExactly("bin-007@" + START + " on cp-lane-" + lane);
        assertThat(processors.get(1 - lane).offline()).isEmpty();
    }

    @Test
    void deviceReports_reachTheDevicesLaneInOrderOnItsOwnThread() {
        // given two started lanes
        final IngestLanes lanes = lanes(2, 10);
        lanes.start();
        final int lane = lanes.laneOf("bin-007");

        // when the device connects, sends a payload the gateway refuses, and drops
        lanes.deviceConnected("bin-007", START);
        lanes.payloadRejected("bin-007", START + 1, "not JSON");
        lanes.deviceOffline("bin-007", START + 2);

        // then its lane's processor hears all three, in order, on the lane thread
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> processors.get(lane).offline().size() == 3);
        final String thread = " on cp-lane-" + lane;
        assertThat(processors.get(lane).offline()).containsExactly("connected bin-007@" + START + thread,
                "rejected bin-007@" + (START + 1) + " (not JSON)" + thread, "bin-007@" + (START + 2) + thread);
        assertThat(processors.get(1 - lane).offline()).isEmpty();
    }

    @Test
    void deviceOffline_afterClose_isIgnored() {
        // given closed lanes
        final IngestLanes lanes = lanes(1, 10);
        lanes.start();
        lanes.close();

        // when
        lanes.deviceOffline("bin-007", START);

        // then nothing reaches the stopped processor
        assertThat(processors.get(0).offline()).isEmpty();
    }

    @Test
    void offer_manyDevices_eachDeviceIsProcessedOnlyByItsLane() {
        // given four lanes, twenty devices
        final IngestLanes lanes = lanes(4, 1_000);
        lanes.start();

        // when
        for (int seq = 0; seq < 10; seq++) {
            for (int d = 0; d < 20; d++) {
                assertThat(lanes.offer(item("dev-" + d, seq))).isTrue();
            }
        }

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> processedCount() == 200);
        for (int i = 0; i < 4; i++) {
            final int lane = i;
            assertThat(processors.get(i).processed()).allSatisfy(r ->
                    assertThat(lanes.laneOf(r.getDeviceId())).isEqualTo(lane));
        }
        assertThat(lanes.size()).isEqualTo(4);
    }

    @Test
    void offer_moreThanOneBatch_keepsEachDevicesOrder() {
        // given one lane holding more readings than one batch takes, from two interleaved devices
        final IngestLanes lanes = lanes(1, 10_000);
        final int perDevice = 3_000;
        for (int seq = 0; seq < perDevice; seq++) {
            assertThat(lanes.offer(item("bin-001", seq))).isTrue();
            assertThat(lanes.offer(item("bin-002", seq))).isTrue();
        }

        // when
        lanes.start();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> processedCount() == 2 * perDevice);
        final TestLaneProcessor p = processors.get(0);
        assertThat(p.batchSizes()).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(size -> assertThat(size).isBetween(1, IngestLanes.MAX_BATCH));
        for (final String id : List.of("bin-001", "bin-002")) {
            assertThat(p.processed().stream().filter(r -> r.getDeviceId().equals(id)).map(Reading::getSequence))
                    .as(id).containsExactlyElementsOf(IntStream.range(0, perDevice).mapToObj(i -> (long) i).toList());
        }
    }

    @Test
    void offer_whileRunning_keepsTheOrderAcrossBatches() {
        // given
        final IngestLanes lanes = lanes(2, 100_000);
        lanes.start();

        // when readings arrive while the lanes drain them
        for (int seq = 0; seq < 20_000; seq++) {
            assertThat(lanes.offer(item("sl-" + seq % 3, seq))).isTrue();
        }

        // then
        await().atMost(Duration.ofSeconds(20)).until(() -> processedCount() == 20_000);
        for (int d = 0; d < 3; d++) {
            final String id = "sl-" + d;
            final List<Long> seqs = processors.get(lanes.laneOf(id)).processed().stream()
                    .filter(r -> r.getDeviceId().equals(id)).map(Reading::getSequence).toList();
            final int device = d;
            assertThat(seqs).as(id).isSorted().hasSize((int) IntStream.range(0, 20_000).filter(s -> s % 3 == device)
                    .count());
        }
    }

    @Test
    void offer_laneFull_returnsFalse() throws Exception {
        // given one lane of capacity two whose processor is stuck in its first batch
        final IngestLanes lanes = lanes(1, 2);
        final TestLaneProcessor p = processors.get(0);
        p.blockProcessing();
        lanes.start();
        try {
            assertThat(lanes.offer(item("bin-001", 0))).isTrue();
            p.awaitEntered();
            assertThat(lanes.offer(item("bin-001", 1))).isTrue();
            assertThat(lanes.offer(item("bin-001", 2))).isTrue();

            // when
            final boolean taken = lanes.offer(item("bin-001", 3));

            // then
            assertThat(taken).isFalse();
            assertThat(meters.get(GatewayMetrics.LANE_QUEUE_DEPTH).tag("lane", "0").gauge().value()).isEqualTo(2.0);
        } finally {
            p.release();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> p.processed().size() == 3);
        assertThat(p.processed()).extracting(Reading::getSequence).containsExactly(0L, 1L, 2L);
    }

    @Test
    void offer_otherLaneFull_isStillTaken() throws Exception {
        // given two lanes; the lane of one device is full (not started, capacity one)
        final IngestLanes lanes = lanes(2, 1);
        final String first = "dev-a";
        String other = "dev-b";
        for (int i = 0; lanes.laneOf(other) == lanes.laneOf(first); i++) {
            other = "dev-b" + i;
        }
        assertThat(lanes.offer(item(first, 0))).isTrue();

        // when
        final boolean sameLane = lanes.offer(item(first, 1));
        final boolean otherLane = lanes.offer(item(other, 0));

        // then
        assertThat(sameLane).isFalse();
        assertThat(otherLane).isTrue();
    }

    @Test
    void tick_idleLane_isCalledWithTheGatewayClock() {
        // given an idle lane and a clock the test moves
        final TestClock clock = new TestClock(START);
        final IngestLanes lanes = lanes(1, 10, Duration.ofMillis(10), clock);
        lanes.start();

        // when the clock moves while no reading arrives
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            clock.advance(Duration.ofSeconds(1));
            return processors.get(0).ticks().size() >= 2;
        });

        // then
        final List<Long> ticks = processors.get(0).ticks();
        assertThat(ticks).isSorted().doesNotHaveDuplicates()
                .allSatisfy(t -> assertThat(t).isGreaterThan(START).isLessThanOrEqualTo(clock.millis()));
        assertThat(processors.get(0).processed()).isEmpty();
    }

    @Test
    void tick_clockStandsStill_isNotCalled() {
        // given
        final TestClock clock = new TestClock(START);
        final IngestLanes lanes = lanes(1, 10, Duration.ofMillis(10), clock);
        lanes.start();

        // when a reading is processed (the lane has looped at least once) while the clock stands still
        assertThat(lanes.offer(item("bin-001", 0))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> processors.get(0).processed().size() == 1);

        // then
        assertThat(processors.get(0).ticks()).isEmpty();
    }

    @Test
    void close_queuedItems_areProcessedThenProcessorsClosed() {
        // given readings queued before the lanes run
        final IngestLanes lanes = lanes(2, 1_000);
        for (int i = 0; i < 500; i++) {
            assertThat(lanes.offer(item("dev-" + i % 7, i))).isTrue();
        }
        lanes.start();

        // when
        lanes.close();

        // then close returned only after the queue was drained
        assertThat(processedCount()).isEqualTo(500);
        assertThat(processors).allSatisfy(p -> assertThat(p.closed()).isTrue());
    }

    @Test
    void offer_afterClose_isRefused() {
        // given closed lanes: nothing will ever process a reading offered now
        final IngestLanes lanes = lanes(1, 10);
        lanes.start();
        lanes.close();

        // when
        final boolean taken = lanes.offer(item("bin-001", 0));

        // then the caller must hear "not taken", or the reading's completion never runs (QoS 1 never acked)
        assertThat(taken).isFalse();
    }

    @Test
    void process_throws_laneKeepsProcessingLaterBatches() throws Exception {
        // given a processor whose first batch fails
        final IngestLanes lanes = lanes(1, 10);
        final TestLaneProcessor p = processors.get(0);
        p.failNextBatches(1);
        lanes.start();
        assertThat(lanes.offer(item("bin-001", 0))).isTrue();
        p.awaitEntered();
        await().atMost(Duration.ofSeconds(10)).until(() -> meters.get(GatewayMetrics.LANE_QUEUE_DEPTH)
                .tag("lane", "0").gauge().value() == 0.0);

        // when
        final AtomicInteger done = new AtomicInteger();
        assertThat(lanes.offer(new LaneItem(item("bin-001", 1).reading(), r -> done.incrementAndGet()))).isTrue();

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> done.get() == 1);
        assertThat(p.processed()).extracting(Reading::getSequence).contains(1L);
    }

    @Test
    void gauge_queuedReadings_showsTheDepthPerLane() {
        // given lanes that do not run yet
        final IngestLanes lanes = lanes(2, 10);
        final String id = "bin-001";

        // when
        lanes.offer(item(id, 0));
        lanes.offer(item(id, 1));
        lanes.offer(item(id, 2));

        // then
        final int lane = lanes.laneOf(id);
        assertThat(meters.get(GatewayMetrics.LANE_QUEUE_DEPTH).tag("lane", Integer.toString(lane)).gauge().value())
                .isEqualTo(3.0);
        assertThat(meters.get(GatewayMetrics.LANE_QUEUE_DEPTH).tag("lane", Integer.toString(1 - lane)).gauge()
                .value()).isZero();
    }
}
