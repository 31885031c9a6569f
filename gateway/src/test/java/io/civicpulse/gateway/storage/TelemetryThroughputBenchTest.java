// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/** Throwaway measurement, not a test: run once with -Dcivicpulse.bench=true. */
@EnabledIfSystemProperty(named = "civicpulse.bench", matches = "true")
class TelemetryThroughputBenchTest {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryThroughputBenchTest.class);
    private static final int N = 500_000;
    private static final long BASE = 1_764_266_400_000L;

    @TempDir
    Path dir;

    @Test
    void bench() throws Exception {
        final long t0 = System.nanoTime();
        try (QuestDbTelemetryStore store = QuestDbTelemetryStore.start(dir, new SimpleMeterRegistry())) {
            LOG.info("BENCH start-up {} ms", (System.nanoTime() - t0) / 1_000_000);
            direct(store, "bin", 10_000);
            direct(store, "bin2", 1_000);
            for (final int chunk : new int[] {1, 100}) {
                viaWriter(store, "gate" + chunk, chunk, 2);
                viaWriter(store, "lamp" + chunk, chunk, 1);
            }
            final long q0 = System.nanoTime();
            final int rows = store.history("bin", "d7-0", java.time.Instant.EPOCH,
                    java.time.Instant.parse("2100-01-01T00:00:00Z"), 10_000).size();
            LOG.info("BENCH history {} rows in {} ms", rows, (System.nanoTime() - q0) / 1_000_000);
        }
    }

    private static void direct(final TelemetryStore store, final String type, final int batch) throws Exception {
        final List<Reading> all = readings(type, 0, N);
        final long t = System.nanoTime();
        for (int i = 0; i < N; i += batch) {
            store.write(all.subList(i, Math.min(N, i + batch)));
        }
        LOG.info("BENCH direct store.write batch {}: {} points/s", batch, rate(N, t));
    }

    private static void viaWriter(final QuestDbTelemetryStore store, final String type, final int chunk,
                                  final int producers) throws Exception {
        final SimpleMeterRegistry registry = new SimpleMeterRegistry();
        final AtomicLong rejected = new AtomicLong();
        final long t;
        try (TelemetryWriter writer = new TelemetryWriter(store, 10_000, 10_000, Duration.ofMillis(50), registry)) {
            writer.start();
            final List<Thread> threads = new ArrayList<>();
            t = System.nanoTime();
            for (int p = 0; p < producers; p++) {
                final List<Reading> mine = readings(type, p, N / producers);
                threads.add(new Thread(() -> produce(writer, mine, chunk, rejected)));
            }
            threads.forEach(Thread::start);
            for (final Thread thread : threads) {
                thread.join();
            }
        }
        LOG.info("BENCH writer chunk {} x {} producers: {} points/s, rejected-and-retried {}, batches {}, "
                        + "mean write {} ms", chunk, producers, rate(N, t), rejected.get(),
                registry.timer(TelemetryWriter.WRITE_DURATION).count(),
                registry.timer(TelemetryWriter.WRITE_DURATION).mean(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    private static void produce(final TelemetryWriter writer, final List<Reading> mine, final int chunk,
                                final AtomicLong rejected) {
        final ArrayDeque<CompletableFuture<Void>> window = new ArrayDeque<>();
        for (int i = 0; i < mine.size(); i += chunk) {
            final List<Reading> part = mine.subList(i, Math.min(mine.size(), i + chunk));
            CompletableFuture<Void> f = writer.submit(part);
            while (f.isCompletedExceptionally()) {
                rejected.incrementAndGet();
                if (!window.isEmpty()) {
                    window.poll().join();
                }
                f = writer.submit(part);
            }
            window.add(f);
            if (window.size() > 8_000 / chunk + 1) {
                window.poll().join();
            }
        }
        window.forEach(CompletableFuture::join);
    }

    private static List<Reading> readings(final String type, final int producer, final int n) {
        final List<Reading> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Reading("oak-park", type, "d" + (i % 1000) + "-" + producer, BASE + i, i,
                    Map.of("fill_pct", (double) (i % 100), "temperature_c", 21.5, "battery_v", 3.3)));
        }
        return list;
    }

    private static long rate(final int n, final long start) {
        return Math.round(n / ((System.nanoTime() - start) / 1e9));
    }
}
