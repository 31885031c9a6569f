// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer against the real embedded QuestDB: stopped and started again under it (readings spooled meanwhile
 * and replayed in order), and a real HTTP 400 (column type conflict) quarantined.
 */
class TelemetryWriterQuestDbTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant FAR_PAST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final SwitchableStore store = new SwitchableStore();
    private TelemetrySpool spool;
    private TelemetryQuarantine quarantine;
    private TelemetryWriter writer;

    @AfterEach
    void tearDown() {
        if (writer != null) {
            writer.close();
        }
        if (spool != null) {
            spool.close();
        }
        if (quarantine != null) {
            quarantine.close();
        }
        store.close();
    }

    @Test
    void submit_questDbStoppedThenStarted_readingsAreSpooledThenReplayedInOrder() throws Exception {
        // given a writer on a running QuestDB, which is then stopped
        store.current = QuestDbTelemetryStore.start(dataDir, registry);
        startWriter();
        writer.submit(readings(0, 10)).get(10, TimeUnit.SECONDS);
        store.current.close();

        // when readings arrive while it is down
        final List<CompletableFuture<WriteReceipt>> during = new ArrayList<>();
        for (int i = 1; i < 6; i++) {
            during.add(writer.submit(readings(i * 10, 10)));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> during.stream().allMatch(CompletableFuture::isDone));

        // then they are acknowledged from the spool, and replayed once QuestDB is started again on its data
        assertThat(during).allSatisfy(f -> assertThat(f).isCompletedWithValue(WriteReceipt.SPOOLED));
        store.current = QuestDbTelemetryStore.start(dataDir, registry);
        await().atMost(Duration.ofSeconds(30)).until(spool::isEmpty);
        final List<StoredReading> history = store.current.history("bin", "bin-q", FAR_PAST, FAR_FUTURE, 1000);
        assertThat(history).extracting(StoredReading::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> (long) i).toList());
    }

    @Test
    void submit_questDbDownForALongStretchOfConcurrentLoad_everyAckedReadingStoredExactlyOncePerSeries()
            throws Exception {
        // given 20 devices on 4 threads, each waiting for its ack (QoS 1) before sending the next batch
        store.current = QuestDbTelemetryStore.start(dataDir, registry);
        startWriter();
        final int devices = 20;
        final AtomicLongArray acked = new AtomicLongArray(devices);
        final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        final List<Thread> load = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            final int thread = t;
            final Thread worker = new Thread(() -> {
                while (running.get()) {
                    for (int d = thread; d < devices; d += 4) {
                        final List<Reading> batch = series(d, acked.get(d), 10);
                        if (writer.submit(batch).handle((r, e) -> e == null).join()) {
                            acked.addAndGet(d, batch.size());
                        }
                    }
                }
            });
            worker.start();
            load.add(worker);
        }

        // when QuestDB is stopped for several seconds of that load, then started again on its data
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.get(0) >= 100);
        store.current.close();
        final long spooledBefore = spool.pendingReadings();
        await().atMost(Duration.ofSeconds(60)).until(() -> spool.pendingReadings() >= spooledBefore + 2_000);
        store.current = QuestDbTelemetryStore.start(dataDir, registry);
        // the load goes on against the store that is back before it stops (device 0 gets 100 more acks)
        final long ackedAtRestart = acked.get(0);
        await().atMost(Duration.ofSeconds(60)).until(() -> acked.get(0) >= ackedAtRestart + 100);
        running.set(false);
        for (final Thread t : load) {
            t.join();
        }
        // and some readings are delivered again (a QoS 1 resend whose PUBACK was lost)
        writer.submit(series(3, 0, 50)).get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(spool::isEmpty);

        // then every series holds each acknowledged reading exactly once
        try (QuestDbSql sql = store.current.sql()) {
            sql.awaitTable("bin");
            final Map<String, List<Long>> counts = new java.util.HashMap<>();
            sql.query("SELECT device, count(), count_distinct(seq) FROM bin WHERE device LIKE 'load-%'", List.of(),
                    r -> counts.put(r.getString(1), List.of(r.getLong(2), r.getLong(3))));
            for (int d = 0; d < devices; d++) {
                assertThat(counts.get("load-" + d)).as("load-" + d).containsExactly(acked.get(d), acked.get(d));
            }
        }
    }

    @Test
    void submit_questDbRefusesOneReadingWith400_itIsQuarantinedAndTheOthersStored() throws Exception {
        // given a column that another client created as an integer
        store.current = QuestDbTelemetryStore.start(dataDir, registry);
        try (InfluxDBClient other = InfluxDBClientFactory.create("http://127.0.0.1:" + store.current.httpPort(),
                new char[0], "org", "bucket")) {
            other.getWriteApiBlocking().writeRecord(WritePrecision.MS,
                    "probe,community=c,device=p1 level=5i " + T0.toEpochMilli());
        }
        startWriter();
        final List<Reading> batch = new ArrayList<>(readings(0, 4));
        batch.add(2, new Reading("c", "probe", "p1", T0.toEpochMilli() + 1, 1, Map.of("level", 5.5)));

        // when
        final WriteReceipt receipt = writer.submit(batch).get(30, TimeUnit.SECONDS);

        // then
        assertThat(receipt.quarantined()).containsOnlyKeys(2);
        assertThat(receipt.quarantined().get(2)).contains("level");
        assertThat(store.current.history("bin", "bin-q", FAR_PAST, FAR_FUTURE, 100)).hasSize(4);
        assertThat(Files.readString(quarantine.file())).contains("probe,community=c,device=p1,type=probe level=5.5");
    }

    private void startWriter() throws Exception {
        spool = TelemetrySpool.open(dataDir.resolve("spool"), 1L << 20, registry);
        quarantine = TelemetryQuarantine.open(dataDir.resolve("quarantine"), 1L << 20, Clock.systemUTC(), registry);
        writer = new TelemetryWriter(store, spool, quarantine, new TelemetryWriter.Settings(100, 1000,
                Duration.ZERO, Duration.ofSeconds(5), Duration.ofMillis(200)), registry);
        writer.start();
    }

    private static List<Reading> readings(final int firstSeq, final int count) {
        return IntStream.range(firstSeq, firstSeq + count)
                .mapToObj(i -> new Reading("c", "bin", "bin-q", T0.toEpochMilli() + i, i,
                        Map.of("fill_pct", (double) i)))
                .toList();
    }

    private static List<Reading> series(final int device, final long firstSeq, final int count) {
        return java.util.stream.LongStream.range(firstSeq, firstSeq + count)
                .mapToObj(i -> new Reading("c", "bin", "load-" + device, T0.toEpochMilli() + i, i,
                        Map.of("fill_pct", (double) (i % 100))))
                .toList();
    }

    /** Delegates to whichever QuestDB runs now: the test stops one and starts another on the same data. */
    private static final class SwitchableStore implements TelemetryStore {
        private volatile QuestDbTelemetryStore current;

        @Override
        public void write(final List<Reading> readings) throws TelemetryStoreException {
            current.write(readings);
        }

        @Override
        public List<StoredReading> history(final String deviceType, final String deviceId, final Instant from,
                                           final Instant to, final int limit) throws TelemetryStoreException {
            return current.history(deviceType, deviceId, from, to, limit);
        }

        @Override
        public void close() {
            if (current != null) {
                current.close();
            }
        }
    }
}
