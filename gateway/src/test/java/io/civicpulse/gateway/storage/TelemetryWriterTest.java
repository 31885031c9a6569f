// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The writer's group commit, spooling, replay order and quarantine, against a {@link ScriptedStore}. */
class TelemetryWriterTest {
    private static final Duration LONG_DELAY = Duration.ofHours(1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScriptedStore store = new ScriptedStore();
    private final AtomicInteger fsyncs = new AtomicInteger();
    private TelemetrySpool spool;
    private TelemetryQuarantine quarantine;
    private TelemetryWriter writer;

    @AfterEach
    void tearDown() {
        store.release();
        if (writer != null) {
            writer.close();
        }
        if (spool != null) {
            spool.close();
        }
        if (quarantine != null) {
            quarantine.close();
        }
    }

    @Test
    void submit_queuedSubmissions_areBatchedUpToMaxBatchPoints() throws Exception {
        // given ten submissions of three readings queued before the writer runs
        writer = writer(100, 6, LONG_DELAY, LONG_DELAY, 1L << 20);
        final List<CompletableFuture<WriteReceipt>> futures = new ArrayList<>();
        IntStream.range(0, 10).forEach(i -> futures.add(writer.submit(readings("b" + i, 0, 3))));

        // when
        writer.start();

        // then five full batches of two submissions each, every future completed from the store
        await().atMost(WAIT).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        assertThat(store.writes).hasSize(5).allSatisfy(batch -> assertThat(batch).hasSize(6));
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompletedWithValue(WriteReceipt.STORED));
        assertThat(points("written")).isEqualTo(30.0);
        assertThat(registry.timer(TelemetryWriter.WRITE_DURATION).count()).isEqualTo(5);
        assertThat(fsyncs).hasValue(0);
    }

    @Test
    void submit_batchNotFull_isWrittenAfterMaxDelay() {
        // given
        writer = writer(100, 1000, Duration.ofMillis(20), LONG_DELAY, 1L << 20);
        writer.start();

        // when
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 2));

        // then
        await().atMost(WAIT).until(future::isDone);
        assertThat(future).isCompletedWithValue(WriteReceipt.STORED);
        assertThat(store.writes).hasSize(1);
        assertThat(store.writes.get(0)).extracting(Reading::getDeviceId).containsExactly("b1", "b1");
    }

    @Test
    void submit_oversizedSubmission_isWrittenAloneAndWhole() {
        // given
        writer = writer(100, 4, LONG_DELAY, LONG_DELAY, 1L << 20);
        final CompletableFuture<WriteReceipt> small = writer.submit(readings("b1", 0, 1));
        final CompletableFuture<WriteReceipt> big = writer.submit(readings("b2", 0, 9));

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
        // given a store that holds the write until released, and no slow-write limit in reach
        store.hold();
        writer = writer(100, 1, LONG_DELAY, LONG_DELAY, 1L << 20);
        writer.start();

        // when
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 1));
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();

        // then
        assertThat(future).isNotDone();
        store.release();
        await().atMost(WAIT).until(future::isDone);
        assertThat(future).isCompletedWithValue(WriteReceipt.STORED);
    }

    @Test
    void submit_storeDown_futureCompletesOnceSpooledAndFsynced() {
        // given
        store.down(true);
        writer = writer(100, 10, Duration.ZERO, LONG_DELAY, 1L << 20);
        writer.start();

        // when
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 3));

        // then
        await().atMost(WAIT).until(future::isDone);
        assertThat(future).isCompletedWithValue(WriteReceipt.SPOOLED);
        assertThat(store.writes).isEmpty();
        assertThat(spool.pendingReadings()).isEqualTo(3);
        assertThat(fsyncs).hasValue(1);
        assertThat(points("spooled")).isEqualTo(3.0);
        assertThat(points("failed")).isZero();
    }

    @Test
    void submit_storeReturns_spoolIsReplayedInOrderThenDirectWritesResume() {
        // given five submissions spooled while the store is down
        store.down(true);
        writer = writer(100, 10, Duration.ZERO, LONG_DELAY, 1L << 20);
        writer.start();
        for (int i = 0; i < 5; i++) {
            final CompletableFuture<WriteReceipt> f = writer.submit(readings("b1", i * 3, 3));
            await().atMost(WAIT).until(f::isDone);
            assertThat(f).isCompletedWithValue(WriteReceipt.SPOOLED);
        }

        // when the store answers again
        store.down(false);

        // then everything is replayed, in order, once; then new readings go straight to the store
        await().atMost(WAIT).until(spool::isEmpty);
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 15));
        assertThat(registry.counter(TelemetrySpool.REPLAYED).count()).isEqualTo(15.0);
        final CompletableFuture<WriteReceipt> after = writer.submit(readings("b1", 15, 1));
        await().atMost(WAIT).until(after::isDone);
        assertThat(after).isCompletedWithValue(WriteReceipt.STORED);
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 16));
    }

    @Test
    void submit_whileSpoolIsBeingReplayed_newReadingsQueueBehindIt() throws InterruptedException {
        // given spooled readings whose replay the store holds
        store.down(true);
        writer = writer(100, 10, Duration.ZERO, LONG_DELAY, 1L << 20);
        writer.start();
        final CompletableFuture<WriteReceipt> first = writer.submit(readings("b1", 0, 3));
        await().atMost(WAIT).until(first::isDone);
        store.hold();
        store.down(false);
        assertThat(store.entered.await(5, TimeUnit.SECONDS)).isTrue();

        // when a newer reading of the same device arrives during the replay
        final CompletableFuture<WriteReceipt> second = writer.submit(readings("b1", 3, 2));

        // then it is acknowledged from the spool, not written ahead of the older ones
        await().atMost(WAIT).until(second::isDone);
        assertThat(second).isCompletedWithValue(WriteReceipt.SPOOLED);
        store.release();
        await().atMost(WAIT).until(spool::isEmpty);
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 5));
    }

    @Test
    void submit_storeSlow_batchIsAcknowledgedFromTheSpoolAndStoredOnce() throws InterruptedException {
        // given a store that holds writes longer than slowWriteAfter
        store.hold();
        writer = writer(100, 10, Duration.ZERO, Duration.ofMillis(50), 1L << 20);
        writer.start();

        // when
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 4));

        // then it is acknowledged from the spool while the store still holds the write
        await().atMost(WAIT).until(future::isDone);
        assertThat(future).isCompletedWithValue(WriteReceipt.SPOOLED);
        assertThat(store.writes).isEmpty();
        // and once the slow write succeeds, the spooled copy is not written again
        store.release();
        await().atMost(WAIT).until(spool::isEmpty);
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 4));
        assertThat(store.attempts).hasValue(1);
    }

    @Test
    void submit_storeSlowThenFailing_spooledBatchIsReplayedWhenItReturns() throws InterruptedException {
        // given a slow write that ends in failure
        store.hold();
        writer = writer(100, 10, Duration.ZERO, Duration.ofMillis(50), 1L << 20);
        writer.start();
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 4));
        await().atMost(WAIT).until(future::isDone);
        store.down(true);
        store.release();
        final CompletableFuture<WriteReceipt> later = writer.submit(readings("b1", 4, 1));
        await().atMost(WAIT).until(later::isDone);

        // when
        store.down(false);

        // then
        await().atMost(WAIT).until(spool::isEmpty);
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 5));
    }

    @Test
    void submit_spoolFull_failsWithOverloadedNamingTheSettingAndCounts() {
        // given the store down and the smallest spool
        store.down(true);
        writer = writer(100, 1000, Duration.ZERO, LONG_DELAY, TelemetrySpool.MIN_MAX_BYTES);
        writer.start();

        // when submissions keep coming
        CompletableFuture<WriteReceipt> last = null;
        for (int i = 0; i < 200; i++) {
            last = writer.submit(readings("b1", i * 100, 100));
            final CompletableFuture<WriteReceipt> f = last;
            await().atMost(WAIT).until(f::isDone);
            if (f.isCompletedExceptionally()) {
                break;
            }
        }

        // then one is refused explicitly, and counted
        assertThatThrownBy(last::get).hasCauseInstanceOf(WriterOverloadedException.class)
                .hasMessageContaining("telemetry.spool.maxBytes");
        assertThat(points("rejected")).isEqualTo(100.0);
        assertThat(registry.counter(TelemetrySpool.REFUSED).count()).isEqualTo(100.0);
    }

    @Test
    void submit_storeRefusesOneReading_onlyThatReadingIsQuarantinedWithTheReason() throws IOException {
        // given a store that refuses, non-retryably, any write holding a reading of device "poison"
        store.refuse("poison");
        writer = writer(100, 100, LONG_DELAY, LONG_DELAY, 1L << 20);
        final List<Reading> mixed = List.of(reading("b1", 0), reading("poison", 0), reading("b1", 1));
        final CompletableFuture<WriteReceipt> first = writer.submit(mixed);
        final CompletableFuture<WriteReceipt> second = writer.submit(readings("b2", 0, 2));

        // when
        writer.close();

        // then
        assertThat(first).isCompletedWithValue(new WriteReceipt(false, Map.of(1, "HTTP 400: bad line for poison")));
        assertThat(second).isCompletedWithValue(WriteReceipt.STORED);
        assertThat(store.stored()).extracting(Reading::getDeviceId).containsExactly("b1", "b1", "b2", "b2");
        assertThat(points("quarantined")).isEqualTo(1.0);
        assertThat(registry.counter(TelemetryQuarantine.QUARANTINED).count()).isEqualTo(1.0);
        assertThat(Files.readAllLines(quarantine.file())).singleElement().asString()
                .contains("\"device\":\"poison\"").contains("HTTP 400: bad line for poison")
                .contains("\"lineProtocol\":\"bin,community=c,device=poison,type=bin "
                        + "fill_pct=0.0,seq=0i " + BASE + "\"");
    }

    @Test
    void replay_spooledReadingRefused_isQuarantinedAndTheRestReplayedInOrder() {
        // given readings spooled while the store was down, one of which it will refuse
        store.down(true);
        writer = writer(100, 100, Duration.ZERO, LONG_DELAY, 1L << 20);
        writer.start();
        final List<Reading> batch = new ArrayList<>(readings("b1", 0, 8));
        batch.add(3, reading("poison", 0));
        final CompletableFuture<WriteReceipt> f = writer.submit(batch);
        await().atMost(WAIT).until(f::isDone);
        store.refuse("poison");

        // when
        store.down(false);

        // then
        await().atMost(WAIT).until(spool::isEmpty);
        assertThat(store.stored()).extracting(Reading::getDeviceId).containsOnly("b1");
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 8));
        assertThat(registry.counter(TelemetryQuarantine.QUARANTINED).count()).isEqualTo(1.0);
    }

    @Test
    void spool_storeDown_forcesOncePerWriterBatchNotPerReading() {
        // given twenty submissions of three readings queued while the store is down, thirty readings a batch
        store.down(true);
        writer = writer(100, 30, LONG_DELAY, LONG_DELAY, 1L << 20);
        final List<CompletableFuture<WriteReceipt>> futures = new ArrayList<>();
        IntStream.range(0, 20).forEach(i -> futures.add(writer.submit(readings("b1", i * 3, 3))));

        // when
        writer.start();

        // then sixty readings, two batches, two fsyncs
        await().atMost(WAIT).until(() -> futures.stream().allMatch(CompletableFuture::isDone));
        assertThat(futures).allSatisfy(fu -> assertThat(fu).isCompletedWithValue(WriteReceipt.SPOOLED));
        assertThat(spool.pendingReadings()).isEqualTo(60);
        assertThat(fsyncs).hasValue(2);
    }

    @Test
    void start_spoolLeftByAnEarlierRun_isReplayedBeforeNewReadings() throws Exception {
        // given a spool an earlier run left behind
        try (TelemetrySpool earlier = TelemetrySpool.open(dataDir.resolve("spool"), 1L << 20,
                new SimpleMeterRegistry())) {
            earlier.append(readings("b1", 0, 3));
            earlier.append(readings("b1", 3, 2));
        }
        writer = writer(100, 100, Duration.ZERO, LONG_DELAY, 1L << 20);
        assertThat(spool.pendingReadings()).isEqualTo(5);

        // when
        writer.start();
        final CompletableFuture<WriteReceipt> f = writer.submit(readings("b1", 5, 2));

        // then
        await().atMost(WAIT).until(() -> f.isDone() && spool.isEmpty());
        assertThat(store.storedSequences()).containsExactlyElementsOf(sequences(0, 7));
    }

    @Test
    void submit_queueFull_failsAtOnceWithOverloadedAndCounts() {
        // given a writer that is not running, so nothing leaves the queue
        writer = writer(2, 100, LONG_DELAY, LONG_DELAY, 1L << 20);
        writer.submit(readings("b1", 0, 1));
        writer.submit(readings("b2", 0, 1));

        // when
        final CompletableFuture<WriteReceipt> refused = writer.submit(readings("b3", 0, 5));

        // then
        assertThat(refused).isCompletedExceptionally();
        assertThatThrownBy(refused::get).hasCauseInstanceOf(WriterOverloadedException.class)
                .hasMessageContaining("full");
        assertThat(points("rejected")).isEqualTo(5.0);
        assertThat(registry.get(TelemetryWriter.QUEUE_DEPTH).gauge().value()).isEqualTo(2.0);
    }

    @Test
    void submit_invalidReading_failsAtOnceWithIllegalArgumentAndCounts() {
        // given
        writer = writer(10, 100, LONG_DELAY, LONG_DELAY, 1L << 20);
        final Reading bad = new Reading("c", "bin", "b1", 1L, 1, Map.of("device", 1.0));

        // when
        final CompletableFuture<WriteReceipt> future = writer.submit(List.of(bad));

        // then
        assertThatThrownBy(future::get).hasCauseInstanceOf(IllegalArgumentException.class);
        assertThat(points("invalid")).isEqualTo(1.0);
        assertThat(writer.queueDepth()).isZero();
    }

    @Test
    void close_withQueuedSubmissions_flushesThemThenRefusesMore() {
        // given submissions waiting for a batch that would fill only after an hour
        writer = writer(100, 1000, LONG_DELAY, LONG_DELAY, 1L << 20);
        writer.start();
        final List<CompletableFuture<WriteReceipt>> futures = List.of(writer.submit(readings("b1", 0, 2)),
                writer.submit(readings("b2", 0, 2)), writer.submit(readings("b3", 0, 2)));

        // when
        writer.close();

        // then
        assertThat(futures).allSatisfy(f -> assertThat(f).isCompleted());
        assertThat(store.stored()).hasSize(6);
        assertThatThrownBy(writer.submit(readings("b4", 0, 1))::get)
                .hasCauseInstanceOf(WriterOverloadedException.class).hasMessageContaining("closed");
    }

    @Test
    void close_storeDown_answersQueuedSubmissionsFromTheSpoolAndKeepsThem() {
        // given
        store.down(true);
        writer = writer(100, 1000, LONG_DELAY, LONG_DELAY, 1L << 20);
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 2));

        // when
        writer.close();

        // then
        assertThat(future).isCompletedWithValue(WriteReceipt.SPOOLED);
        assertThat(spool.pendingReadings()).isEqualTo(2);
    }

    @Test
    void close_neverStarted_writesQueuedSubmissions() {
        // given
        writer = writer(100, 1000, LONG_DELAY, LONG_DELAY, 1L << 20);
        final CompletableFuture<WriteReceipt> future = writer.submit(readings("b1", 0, 2));

        // when
        writer.close();

        // then
        assertThat(future).isCompleted();
        assertThat(store.writes).hasSize(1);
    }

    @Test
    void close_calledFromFutureCallbackOnWriterThread_returnsAndStillDrains() {
        // given
        writer = writer(100, 1, Duration.ZERO, LONG_DELAY, 1L << 20);
        writer.start();
        final CompletableFuture<WriteReceipt> first = writer.submit(readings("b1", 0, 1));
        final CompletableFuture<Void> closed = first.thenRun(writer::close);

        // when
        await().atMost(WAIT).until(closed::isDone);

        // then
        assertThat(closed).isCompleted();
        assertThat(writer.submit(readings("b2", 0, 1))).isCompletedExceptionally();
    }

    @Test
    void start_twice_throwsIllegalState() {
        // given
        writer = writer(1, 1, Duration.ZERO, LONG_DELAY, 1L << 20);
        writer.start();

        // when / then
        assertThatThrownBy(writer::start).isInstanceOf(IllegalStateException.class);
    }

    private TelemetryWriter writer(final int queueCapacity, final int maxBatchPoints, final Duration maxDelay,
                                   final Duration slowWriteAfter, final long spoolBytes) {
        try {
            spool = TelemetrySpool.open(dataDir.resolve("spool"), spoolBytes, registry, ch -> {
                fsyncs.incrementAndGet();
                ch.force(false);
            });
            quarantine = TelemetryQuarantine.open(dataDir.resolve("quarantine"), 1L << 20, Clock.systemUTC(),
                    registry);
        } catch (final IOException e) {
            throw new IllegalStateException(e);
        }
        return new TelemetryWriter(store, spool, quarantine, new TelemetryWriter.Settings(queueCapacity,
                maxBatchPoints, maxDelay, slowWriteAfter, Duration.ofMillis(100)), registry);
    }

    private double points(final String outcome) {
        return registry.counter(TelemetryWriter.POINTS, TelemetryWriter.OUTCOME_TAG, outcome).count();
    }

    private static List<Long> sequences(final long from, final long to) {
        return LongStream.range(from, to).boxed().toList();
    }

    private static Reading reading(final String deviceId, final int seq) {
        return new Reading("c", "bin", deviceId, BASE + seq, seq, Map.of("fill_pct", (double) seq));
    }

    private static List<Reading> readings(final String deviceId, final int firstSeq, final int count) {
        return IntStream.range(firstSeq, firstSeq + count).mapToObj(i -> reading(deviceId, i)).toList();
    }
}
