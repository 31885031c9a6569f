// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.ingest.IngestOutcome;
import io.civicpulse.gateway.ingest.IngestResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What is acknowledged when: final outcomes at once, transient refusals only after a retry succeeds, nothing after
 * stop or on a lost connection. Uses a Paho client that never connects: acknowledgements are only counted.
 */
class BridgeDeliveriesTest {
    private static final String TOPIC = "cp/lakeside/bin/bin-001/telemetry";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Counter acks = meters.counter(BridgeMetrics.ACKS);
    private final List<String> offered = new CopyOnWriteArrayList<>();
    private BridgeConnection conn;

    @BeforeEach
    void connection() throws Exception {
        conn = new BridgeConnection(BridgeConnection.newClient("tcp://127.0.0.1:1", "cp-test"), acks,
                meters.counter(BridgeMetrics.ACK_FAILURES));
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        conn.retire();
    }

    private BridgeDeliveries deliveries(final Consumer<Consumer<IngestResult>> behaviour) {
        return new BridgeDeliveries((topic, payload, done) -> {
            offered.add(new String(payload, StandardCharsets.UTF_8));
            behaviour.accept(done);
        }, scheduler, 10, meters);
    }

    private static MqttMessage message(final int id, final int qos) {
        final MqttMessage m = new MqttMessage(("m" + id).getBytes(StandardCharsets.UTF_8));
        m.setId(id);
        m.setQos(qos);
        return m;
    }

    @Test
    void take_storedOrRefusedForGood_isAcknowledgedAtOnce() {
        // given one reading stored and one refused for an invalid payload
        final Queue<IngestResult> results = new ConcurrentLinkedQueue<>(List.of(IngestResult.ACCEPTED,
                new IngestResult(IngestOutcome.PAYLOAD_INVALID, "ts is missing")));
        final BridgeDeliveries d = deliveries(done -> done.accept(results.poll()));

        // when
        d.take(conn, TOPIC, message(1, 1));
        d.take(conn, TOPIC, message(2, 1));

        // then both are acknowledged: a refused message must not come back forever
        assertThat(acks.count()).isEqualTo(2.0);
        assertThat(conn.window().size()).isZero();
    }

    @Test
    void take_transientRefusals_areOfferedAgainAndAcknowledgedOnlyWhenStored() {
        // given a lane that is full twice, then takes the reading
        final AtomicInteger attempts = new AtomicInteger();
        final BridgeDeliveries d = deliveries(done -> done.accept(attempts.incrementAndGet() <= 2
                ? new IngestResult(IngestOutcome.OVERLOADED, "lane 0 is full") : IngestResult.ACCEPTED));

        // when
        d.take(conn, TOPIC, message(7, 1));

        // then it is not acknowledged while refused ...
        assertThat(acks.count()).isZero();
        // ... and is acknowledged once, after the third attempt, with the same payload each time
        await().atMost(Duration.ofSeconds(5)).until(() -> acks.count() == 1.0);
        assertThat(offered).containsExactly("m7", "m7", "m7");
        assertThat(meters.counter(BridgeMetrics.RETRIES).count()).isEqualTo(2.0);
        assertThat(conn.window().size()).isZero();
    }

    @Test
    void take_afterStop_neitherIngestsNorAcknowledges() {
        // given
        final BridgeDeliveries d = deliveries(done -> done.accept(IngestResult.ACCEPTED));
        assertThat(d.stop()).isTrue();

        // when
        d.take(conn, TOPIC, message(1, 1));

        // then the broker keeps it for the resumed session
        assertThat(offered).isEmpty();
        assertThat(acks.count()).isZero();
        assertThat(d.stop()).isFalse();
    }

    @Test
    void take_connectionLostBeforeTheReadingIsStored_isNotAcknowledged() {
        // given a reading whose store write is still running
        final Queue<Consumer<IngestResult>> pending = new ConcurrentLinkedQueue<>();
        final BridgeDeliveries d = deliveries(pending::add);
        d.take(conn, TOPIC, message(3, 1));

        // when the connection is lost, then the write completes
        conn.window().abandon();
        pending.remove().accept(IngestResult.ACCEPTED);

        // then its packet id is not acknowledged (the broker resends it on the resumed session)
        assertThat(acks.count()).isZero();
    }

    @Test
    void take_lateMessageOfALostConnection_isLeftForTheBrokerToResend() {
        // given
        final BridgeDeliveries d = deliveries(done -> done.accept(IngestResult.ACCEPTED));
        conn.window().abandon();

        // when Paho hands over a message of that connection after reporting it lost
        d.take(conn, TOPIC, message(9, 1));

        // then it is not stored: the broker resends it on the resumed session, and storing it now would store it twice
        assertThat(offered).isEmpty();
        assertThat(acks.count()).isZero();
    }

    @Test
    void awaitDrained_afterStop_keepsRetryingUntilStored() {
        // given a reading refused as overloaded twice while the bridge stops
        final AtomicInteger attempts = new AtomicInteger();
        final BridgeDeliveries d = deliveries(done -> done.accept(attempts.incrementAndGet() <= 2
                ? new IngestResult(IngestOutcome.OVERLOADED, "the telemetry writer is full") : IngestResult.ACCEPTED));
        d.take(conn, TOPIC, message(5, 1));
        d.stop();

        // when
        final int left = d.awaitDrained(Duration.ofSeconds(5));

        // then the drain waited for the retries: stored and acknowledged, not left to come back as a duplicate
        assertThat(left).isZero();
        assertThat(attempts).hasValue(3);
        assertThat(acks.count()).isEqualTo(1.0);
    }

    @Test
    void awaitDrained_waitsForReadingsBeingStored() {
        // given a reading being stored
        final Queue<Consumer<IngestResult>> pending = new ConcurrentLinkedQueue<>();
        final BridgeDeliveries d = deliveries(pending::add);
        d.take(conn, TOPIC, message(4, 1));
        d.stop();

        // when / then the drain reports it still in progress ...
        assertThat(d.awaitDrained(Duration.ofMillis(50))).isEqualTo(1);
        // ... and returns once it is stored and acknowledged
        scheduler.execute(() -> pending.remove().accept(IngestResult.ACCEPTED));
        assertThat(d.awaitDrained(Duration.ofSeconds(5))).isZero();
        assertThat(acks.count()).isEqualTo(1.0);
    }

    @Test
    void take_qos0_isIngestedButNeverAcknowledgedOrRetried() {
        // given
        final BridgeDeliveries d = deliveries(done -> done.accept(new IngestResult(IngestOutcome.OVERLOADED,
                "full")));

        // when
        d.take(conn, TOPIC, message(0, 0));

        // then at most once: no ack exists for QoS 0, and nothing holds it for a retry
        assertThat(offered).hasSize(1);
        assertThat(acks.count()).isZero();
        assertThat(meters.counter(BridgeMetrics.RETRIES).count()).isZero();
    }
}
