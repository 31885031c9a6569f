// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two gateway instances (in-process, separate data folders, different client ids, one share group) consume one
 * shared subscription on the real Mosquitto: every message is stored by exactly one of them, also while one is
 * stopped and restarted in the middle of the stream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedBridgeIT {
    private static final Logger LOG = LoggerFactory.getLogger(SharedBridgeIT.class);
    private static final int MAX_INFLIGHT = 100;

    @TempDir
    Path dir;

    private BridgeFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        BridgeFixture.assumeBroker();
        fixture = new BridgeFixture(dir, 6);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void publish(final TelemetryPublisher publisher, final long from, final long to) throws Exception {
        for (long seq = from; seq < to; seq++) {
            publisher.publish(fixture.topic((int) (seq % fixture.devices.size())), seq);
        }
    }

    @Test
    void twoGateways_oneSharedSubscription_storeEveryMessageExactlyOnceBetweenThem() throws Exception {
        // given two instances in the same share group
        final Gateway a = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, MAX_INFLIGHT));
        final Gateway b = fixture.closeLater(fixture.startGateway("b", BridgeFixture.BROKER_URL, MAX_INFLIGHT));
        final TelemetryPublisher publisher = fixture.closeLater(new TelemetryPublisher(BridgeFixture.BROKER_URL,
                fixture.run + "-pub"));
        final int n = 1000;

        // when N readings are published
        publish(publisher, 0, n);
        publisher.awaitAcked();

        // then each sequence number is stored once across both stores, and both took a share
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.storedSequences(a, b).size() == n);
        final Map<Long, Integer> both = fixture.storedSequences(a, b);
        assertThat(both.keySet()).containsExactlyInAnyOrderElementsOf(range(0, n));
        assertThat(both.values()).containsOnly(1);
        final int inA = fixture.storedCount(a);
        final int inB = fixture.storedCount(b);
        LOG.info("Shared subscription, {} readings: instance a stored {}, instance b stored {}", n, inA, inB);
        assertThat(inA).isPositive();
        assertThat(inB).isPositive();
        assertThat(inA + inB).isEqualTo(n);
    }

    @Test
    void twoGateways_oneRestartedMidStream_everyReadingStoredExactlyOnce() throws Exception {
        // given two instances in the same share group, both already storing readings
        final Gateway a = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, MAX_INFLIGHT));
        final Gateway firstB = fixture.closeLater(fixture.startGateway("b", BridgeFixture.BROKER_URL, MAX_INFLIGHT));
        final TelemetryPublisher publisher = fixture.closeLater(new TelemetryPublisher(BridgeFixture.BROKER_URL,
                fixture.run + "-pub"));
        final int n = 900;
        publish(publisher, 0, 100);
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.storedCount(firstB) >= 20);
        final int storedByBBeforeStop = fixture.storedCount(firstB);

        // when b is stopped while readings keep arriving, stays down for a while, and restarts on its session
        // (same client id and data folder) while the rest of the stream arrives
        final CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> publishUnchecked(publisher, 100, 600));
        fixture.closeNow(firstB);
        stream.get(30, TimeUnit.SECONDS);
        publisher.awaitAcked();
        final int storedByAWhileBDown = fixture.storedCount(a);
        final Gateway b = fixture.closeLater(fixture.startGateway("b", BridgeFixture.BROKER_URL, MAX_INFLIGHT));
        publish(publisher, 600, n);
        publisher.awaitAcked();

        // then every reading is stored, each exactly once across both stores
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.storedSequences(a, b).size() == n);
        final Map<Long, Integer> both = fixture.storedSequences(a, b);
        final long twice = both.values().stream().filter(c -> c > 1).count();
        LOG.info("Restart mid-stream, {} readings: b had stored {} when stopped; a had stored {} when b came back; "
                + "at the end a {} and b {}; stored more than once: {}", n, storedByBBeforeStop, storedByAWhileBDown,
                fixture.storedCount(a), fixture.storedCount(b), twice);
        assertThat(both.keySet()).containsExactlyInAnyOrderElementsOf(range(0, n));
        // A graceful stop drains, yet Mosquitto 2.0.11 sometimes sends readings b stored and acknowledged again
        // after the restart (13 and 46 in 2 of ~25 runs). They go to b's resumed session, and its store keeps one
        // row per (timestamp, device, seq), so they are not stored twice.
        assertThat(twice).isZero();
    }

    private void publishUnchecked(final TelemetryPublisher publisher, final long from, final long to) {
        try {
            publish(publisher, from, to);
        } catch (final Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> range(final long from, final long to) {
        return LongStream.range(from, to).boxed().toList();
    }
}
