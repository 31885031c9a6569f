// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TelemetryWriterTest {
    private static final Duration LONG_DELAY = Duration.ofHours(1);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FakeStore store = new FakeStore();
    private TelemetryWriter writer;

    @AfterEach
    void tearDown() {
        store.release();
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void submit_queuedSubmissions_areBatchedUpToMaxBatchPoints() {
        // given ten submissions of three readings queued before the writer runs
        writer = new TelemetryWriter(store, 100, 6, LONG_DELAY, registry);
        final List<CompletableFuture<Void>> futures = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> futures.add(writer.submit(readings("b" + i, 3))));

        // when
        writer.start();

        // then five full batches of two submissions each, every future completed
        await().atMost(Duration.ofSeconds(5)).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        assertThat(store.writes).hasSize(5).allSatisfy(batch -> assertThat(batch).hasSize(6));
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, "written").count())
                .isEqualTo(30.0);
        assertThat(registry.timer(TelemetryWriter.WRITE_DURATION).count()).isEqualTo(5);
    }

    @Test
    void submit_batchNotFull_isWrittenAfterMaxDelay() {
        // given
        writer = new TelemetryWriter(store, 100, 1000, Duration.ofMillis(20), registry);
        writer.start();

        // when
        final CompletableFuture<Void> future = writer.submit(readings("b1", 2));

        // then
        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertThat(future).isCompleted();
        assertThat(store.writes).hasSize(1);
        assertThat(store.writes.get(0)).extracting(Reading::getDeviceId).containsExactly("b1", "b1");
    }

    @Test
    void submit_oversizedSubmission_isWrittenAloneAndWhole() {
        // given
        writer = new TelemetryWriter(store, 100, 4, LONG_DELAY, registry);
        final CompletableFuture<Void> small = writer.submit(readings("b1", 1));
        final CompletableFuture<Void> big = writer.submit(readings("b2", 9));

        // when
        writer.start();
        writer.close();

        // then
        assertThat(small).isCompleted();
        assertThat(big).isCompleted();
        assertThat(store.writes).extracting(List::size).containsExactly(1, 9);
    }

    @Test
    void submit_whileStoreWrites_futureCompletesOnlyAfterWriteReturns() throws InterruptedException {
        // given a store that holds the write until released
        store.hold();
        writer = new TelemetryWriter(store, 100, 1, LONG_DELAY, registry);
        writer.start();

        // when
        final CompletableFuture<Void> future = writer.submit(readings("b1", 1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();

        // then
        assertThat(future).isNotDone();
        store.release();
        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertThat(future).isCompleted();
    }

    @Test
    void submit_storeFails_futureFailsWithStoreExceptionAndIsCounted() {
        // given
        final TelemetryStoreException failure = new TelemetryStoreException("store down", null);
        store.failure = failure;
        writer = new TelemetryWriter(store, 100, 10, Duration.ZERO, registry);
        writer.start();

        // when
        final CompletableFuture<Void> future = writer.submit(readings("b1", 3));

        // then
        await().atMost(Duration.ofSeconds(5)).until(future::isDone);
        assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class).hasCause(failure);
        assertThat(registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, "failed").count())
                .isEqualTo(3.0);
    }

    @Test
    void submit_batchRefusedForOneSubmission_onlyThatSubmissionFails() {
        // given a store that refuses, non-retryably, any write holding a reading of device "poison"
        store.refuseDevice = "poison";
        writer = new TelemetryWriter(store, 100, 100, LONG_DELAY, registry);
        final CompletableFuture<Void> good1 = writer.submit(readings("b1", 2));
        final CompletableFuture<Void> bad = writer.submit(readings("poison", 1));
        final CompletableFuture<Void> good2 = writer.submit(readings("b2", 2));

        // when
        writer.close();

        // then
        assertThat(good1).isCompleted();
        assertThat(good2).isCompleted();
        assertThatThrownBy(bad::get).hasCauseInstanceOf(TelemetryStoreException.class);
        assertThat(store.writes).extracting(List::size).containsExactly(2, 2);
        assertThat(registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, "failed").count())
                .isEqualTo(1.0);
        assertThat(registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, "written").count())
                .isEqualTo(4.0);
    }

    @Test
    void submit_queueFull_failsAtOnceWithOverloadedAndCounts() {
        // given a writer that is not running, so nothing leaves the queue
        writer = new TelemetryWriter(store, 2, 100, LONG_DELAY, registry);
        writer.submit(readings("b1", 1));
        writer.submit(readings("b2", 1));

        // when
        final CompletableFuture<Void> refused = writer.submit(readings("b3", 5));

        // then
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::get).hasCauseInstanceOf(WriterOverloadedException.class)
                .hasMessageContaining("full");
        assertThat(registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, "rejected").count())
                .isEqualTo(5.0);
        assertThat(registry.get(TelemetryWriter.QUEUE_DEPTH).gauge().value()).isEqualTo(2.0);
    }

    @Test
    void submit_invalidReading_failsAtOnceWithIllegalArgumentAndCounts() {
        // given
        writer = new TelemetryWriter(store, 10, 100, LONG_DELAY, registry);
        final Reading bad = new Reading("c", "bin", "b1", 1L, 1, Map.of("device", 1.0));

        // when
        final CompletableFuture<Void> future = writer.submit(List.of(bad));

        // then
        assertThatThrownBy(future::get).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, "invalid").count())
                .isEqualTo(1.0);
        assertThat(writer.queueDepth()).isZero();
    }

    @Test
    void close_withQueuedSubmissions_flushesThemThenRefusesMore() {
        // given submissions waiting for a batch that would fill only after an hour
        writer = new TelemetryWriter(store, 100, 1000, LONG_DELAY, registry);
        writer.start();
        final List<CompletableFuture<Void>> futures = List.of(writer.submit(readings("b1", 2)),
                writer.submit(readings("b2", 2)), writer.submit(readings("b3", 2)));

        // when
        writer.close();

        // then
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(store.writes.stream().mapToInt(List::size).sum()).isEqualTo(6);
        assertThatThrownBy(writer.submit(readings("b4", 1))::get)
                .hasCauseInstanceOf(WriterOverloadedException.class).hasMessageContaining("closed");
    }

    @Test
    void close_neverStarted_writesQueuedSubmissions() {
        // given
        writer = new TelemetryWriter(store, 100, 1000, LONG_DELAY, registry);
        final CompletableFuture<Void> future = writer.submit(readings("b1", 2));

        // when
        writer.close();

        // then
        assertThat(future).isCompleted();
        assertThat(store.writes).hasSize(1);
    }

    @Test
    void close_calledFromFutureCallbackOnWriterThread_returnsAndStillDrains() {
        // given
        writer = new TelemetryWriter(store, 100, 1, Duration.ZERO, registry);
        writer.start();
        final CompletableFuture<Void> first = writer.submit(readings("b1", 1));
        final CompletableFuture<Void> closed = first.thenRun(writer::close);

        // when
        await().atMost(Duration.ofSeconds(5)).until(closed::isDone);

        // then
        assertThat(closed).isCompleted();
        assertThat(writer.submit(readings("b2", 1))).isCompletedExceptionally();
    }

    @Test
    void start_twice_throwsIllegalState() {
        // given
        writer = new TelemetryWriter(store, 1, 1, Duration.ZERO, registry);
        writer.start();

        // when / then
        assertThatThrownBy(writer::start).isInstanceOf(IllegalStateException.class);
    }

    private static List<Reading> readings(final String deviceId, final int count) {
        final long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        return IntStream.range(0, count)
                .mapToObj(i -> new Reading("c", "bin", deviceId, base + i, i, Map.of("fill_pct", (double) i)))
                .toList();
    }

    /** Records every write; can hold a write until released, or fail it. Not a database: the writer's seam. */
    private static final class FakeStore implements TelemetryStore {
        private final List<List<Reading>> writes = new CopyOnWriteArrayList<>();
        private final CountDownLatch entered = new CountDownLatch(1);
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile TelemetryStoreException failure;
        private volatile String refuseDevice;

        void hold() {
            gate = new CountDownLatch(1);
        }

        void release() {
            gate.countDown();
        }

        @Override
        public void write(final List<Reading> readings) throws TelemetryStoreException {
            entered.countDown();
            try {
                gate.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TelemetryStoreException("interrupted", e);
            }
            if (failure != null) {
                throw failure;
            }
            if (readings.stream().anyMatch(r -> r.getDeviceId().equals(refuseDevice))) {
                throw new TelemetryStoreException("refused " + refuseDevice, null, false);
            }
            writes.add(List.copyOf(readings));
        }

        @Override
        public List<StoredReading> history(final String deviceType, final String deviceId, final Instant from,
                                           final Instant to, final int limit) {
            return List.of();
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
