// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.QuestDbTelemetryStore;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.storage.TelemetryQuarantine;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.gateway.storage.TelemetryWriter;
import io.civicpulse.gateway.storage.WriteReceipt;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Reading;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Opt-in figures, not timed assertions: {@code -Dcp.storage.benchmark=true}. Writes 30 days of one streetlight at a
 * 10 s interval and one day of 1,000 bins at 1 minute into the embedded store, then times the analysis answers over
 * HTTP. Replay rate: see {@code TelemetryWriterQuestDbTest} / README (spool replay).
 */
@EnabledIfSystemProperty(named = "cp.storage.benchmark", matches = "true")
class TelemetryBenchmarkTest {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryBenchmarkTest.class);
    private static final Instant NOW = Instant.parse("2026-03-31T00:00:00Z");
    private static final int BATCH = 10_000;
    private static final int BINS = 1_000;

    @TempDir
    Path dir;

    @Test
    void figures() throws Exception {
        final Registry registry = RegistryLoader.load(Files.writeString(dir.resolve("devices.yaml"), devices()),
                Files.writeString(dir.resolve("crews.yaml"), "accounts: []\n"));
        try (QuestDbTelemetryStore store = QuestDbTelemetryStore.start(dir, new SimpleMeterRegistry());
             QuestDbSql sql = store.sql()) {
            final long lamp = write(store, 30L * 8640, TelemetryBenchmarkTest::lampReading);
            final long bins = write(store, BINS * 1440L, TelemetryBenchmarkTest::binReading);
            final Javalin app = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                new AnalysisRoutes(sql, registry, RuleParameters.defaults(), Clock.fixed(NOW, ZoneOffset.UTC))
                        .register(c);
            }).start("127.0.0.1", 0);
            try {
                final String base = "http://127.0.0.1:" + app.port();
                time(base + "/api/analysis/devices/sl-0001/history?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z");
                time(base + "/api/analysis/devices/sl-0001/history?from=2026-03-01T00:00:00Z"
                        + "&to=2026-03-31T00:00:00Z&points=10000");
                time(base + "/api/analysis/fleet?window=1d");
                time(base + "/api/analysis/bins");
                time(base + "/api/analysis/bins/collection?hours=12");
                time(base + "/api/analysis/streetlights?from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00Z");
                final long start = System.nanoTime();
                final int rows = store.history("streetlight", "sl-0001", NOW.minus(Duration.ofDays(30)), NOW, 10_000)
                        .size();
                LOG.info("BENCHMARK raw history 10,000 of 30 days: {} rows in {} ms", rows,
                        (System.nanoTime() - start) / 1_000_000);
            } finally {
                app.stop();
            }
            assertThat(lamp + bins).isEqualTo(30L * 8640 + BINS * 1440L);
            measureReplay(store);
        }
    }

    /** Spools 200,000 readings while the store "is down", then times their replay into QuestDB. */
    private void measureReplay(final QuestDbTelemetryStore questDb) throws Exception {
        final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        final AtomicBoolean down = new AtomicBoolean(true);
        final TelemetryStore gated = new TelemetryStore() {
            @Override
            public void write(final List<Reading> readings) throws TelemetryStoreException {
                if (down.get()) {
                    throw new TelemetryStoreException("benchmark: store down", null, true);
                }
                questDb.write(readings);
            }

            @Override
            public List<StoredReading> history(final String type, final String id, final Instant from,
                                               final Instant to, final int limit) throws TelemetryStoreException {
                return questDb.history(type, id, from, to, limit);
            }

            @Override
            public void close() {
                // the benchmark closes QuestDB itself
            }
        };
        try (TelemetrySpool spool = TelemetrySpool.open(dir.resolve("spool"), 1L << 32, metrics);
             TelemetryQuarantine quarantine = TelemetryQuarantine.open(dir.resolve("quarantine"), 1L << 20,
                     Clock.systemUTC(), metrics);
             TelemetryWriter writer = new TelemetryWriter(gated, spool, quarantine, new TelemetryWriter.Settings(
                     400_000, BATCH, Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(100)), metrics)) {
            writer.start();
            final List<CompletableFuture<WriteReceipt>> acks = new ArrayList<>();
            for (long i = 0; i < 200_000; i += BATCH) {
                final List<Reading> batch = new ArrayList<>(BATCH);
                for (long j = i; j < i + BATCH; j++) {
                    batch.add(new Reading("lakeside", "gate", "replay-" + j % 100, NOW.toEpochMilli() + j / 100, j,
                            Map.of("passes", 1.0)));
                }
                acks.add(writer.submit(batch));
            }
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            final long start = System.nanoTime();
            down.set(false);
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(spool::isEmpty);
            final double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("BENCHMARK replayed 200000 spooled readings in {} s: {} readings/s",
                    String.format("%.1f", seconds), Math.round(200_000 / seconds));
        }
    }

    /** Generates readings batch by batch (the whole data set would not fit a test heap) and writes them. */
    private static long write(final QuestDbTelemetryStore store, final long count,
                              final LongFunction<Reading> reading) throws TelemetryStoreException {
        final long start = System.nanoTime();
        for (long i = 0; i < count; i += BATCH) {
            final List<Reading> batch = new ArrayList<>(BATCH);
            for (long j = i; j < Math.min(count, i + BATCH); j++) {
                batch.add(reading.apply(j));
            }
            store.write(batch);
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("BENCHMARK wrote {} readings in {} s: {} readings/s", count, String.format("%.1f", seconds),
                Math.round(count / seconds));
        return count;
    }

    private static void time(final String url) throws Exception {
        final HttpClient http = HttpClient.newHttpClient();
        for (int run = 0; run < 3; run++) {
            final long start = System.nanoTime();
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            LOG.info("BENCHMARK {} run {}: HTTP {} {} bytes in {} ms", url.substring(url.indexOf("/api")), run,
                    response.statusCode(), response.body().length(), (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** The i-th reading of one streetlight every 10 s for 30 days, lit half of each day. */
    private static Reading lampReading(final long i) {
        final long t = NOW.minus(Duration.ofDays(30)).toEpochMilli() + i * 10_000;
        final double current = (t / 3_600_000) % 24 < 12 ? 0.4 : 0.0;
        return new Reading("lakeside", "streetlight", "sl-0001", t, i, Map.of("lamp_current_a", current,
                "voltage_v", 230.0, "power_w", current * 230 * 0.95));
    }

    /** The i-th reading of 1,000 bins every minute for one day, minute by minute. */
    private static Reading binReading(final long i) {
        final long minute = i / BINS;
        final long bin = i % BINS;
        return new Reading("lakeside", "bin", String.format("bin-%04d", bin),
                NOW.minus(Duration.ofDays(1)).toEpochMilli() + minute * 60_000L, minute,
                Map.of("fill_pct", (minute / 14.4 + bin) % 100, "temperature_c", 20.0, "battery_pct", 90.0));
    }

    private static String devices() {
        final StringBuilder y = new StringBuilder("devices:\n");
        y.append(device("sl-0001", "streetlight", 10));
        for (int b = 0; b < BINS; b++) {
            y.append(device(String.format("bin-%04d", b), "bin", 60));
        }
        return y.toString();
    }

    private static String device(final String id, final String type, final int interval) {
        return "  - id: " + id + "\n    type: " + type + "\n    community: lakeside\n    passwordHash: "
                + AnalysisFixture.HASH + "\n    intervalSeconds: " + interval + "\n    area: north\n";
    }
}
