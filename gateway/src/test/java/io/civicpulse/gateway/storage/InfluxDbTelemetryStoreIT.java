// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.testsupport.InfluxDbContainer;
import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The InfluxDB backend against a real InfluxDB 2.7 in Docker: schema and precision, the writer's quarantine for a
 * field type conflict (HTTP 400), and an outage (container paused) spooled and replayed. Reported as skipped where
 * Docker is missing (these build machines).
 */
@Testcontainers(disabledWithoutDocker = true)
class InfluxDbTelemetryStoreIT {
    private static final String TOKEN = InfluxDbContainer.TOKEN;
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123Z");

    @Container
    private static final GenericContainer<?> INFLUX = InfluxDbContainer.create();

    @TempDir
    Path dataDir;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private InfluxDbTelemetryStore store;
    private TelemetrySpool spool;
    private TelemetryQuarantine quarantine;
    private TelemetryWriter writer;

    @BeforeEach
    void start() throws Exception {
        store = new InfluxDbTelemetryStore(url(), TOKEN.toCharArray(), "city", "telemetry", id -> "north");
        spool = TelemetrySpool.open(dataDir.resolve("spool"), 1L << 24, registry);
        quarantine = TelemetryQuarantine.open(dataDir.resolve("quarantine"), 1L << 20, Clock.systemUTC(), registry);
        writer = new TelemetryWriter(store, spool, quarantine, new TelemetryWriter.Settings(10_000, 1000,
                Duration.ZERO, Duration.ofSeconds(1), Duration.ofMillis(200)), registry);
        writer.start();
    }

    @AfterEach
    void stop() {
        writer.close();
        spool.close();
        quarantine.close();
        store.close();
    }

    @Test
    void write_thenHistory_returnsTheReadingAtItsMillisecondWithTypedFields() throws Exception {
        // when
        store.write(List.of(new Reading("lakeside", "gate", "g-1", T0.toEpochMilli(), 7,
                Map.of("passes", 12.0, "battery_pct", 88.5))));

        // then
        assertThat(store.history("gate", "g-1", T0.minusSeconds(60), T0.plusSeconds(60), 10))
                .containsExactly(new StoredReading(T0, 7, Map.of("passes", 12.0, "battery_pct", 88.5)));
    }

    @Test
    void submit_fieldTypeConflict_isQuarantinedAndTheOthersStored() throws Exception {
        // given a field another client wrote as an integer
        try (InfluxDBClient other = InfluxDBClientFactory.create(url(), TOKEN.toCharArray(), "city", "telemetry")) {
            other.getWriteApiBlocking().writeRecord(WritePrecision.MS,
                    "probe,community=c,device=p1 level=5i " + T0.toEpochMilli());
        }
        final List<Reading> batch = new ArrayList<>(bins("bin-q", 0, 4));
        batch.add(2, new Reading("c", "probe", "p1", T0.toEpochMilli() + 1, 1, Map.of("level", 5.5)));

        // when
        final WriteReceipt receipt = writer.submit(batch).get(30, TimeUnit.SECONDS);

        // then
        assertThat(receipt.quarantined()).containsOnlyKeys(2);
        assertThat(store.history("bin", "bin-q", T0.minusSeconds(60), T0.plusSeconds(60), 100)).hasSize(4);
    }

    @Test
    void submit_influxPaused_readingsSpooledThenReplayedExactlyOnce() throws Exception {
        // given
        writer.submit(bins("bin-o", 0, 10)).get(30, TimeUnit.SECONDS);
        INFLUX.getDockerClient().pauseContainerCmd(INFLUX.getContainerId()).exec();

        // when readings arrive while InfluxDB does not answer
        final List<CompletableFuture<WriteReceipt>> during = new ArrayList<>();
        for (int i = 1; i < 6; i++) {
            during.add(writer.submit(bins("bin-o", i * 10, 10)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> during.stream().allMatch(CompletableFuture::isDone));
        INFLUX.getDockerClient().unpauseContainerCmd(INFLUX.getContainerId()).exec();
        await().atMost(Duration.ofSeconds(60)).until(spool::isEmpty);

        // then
        assertThat(store.history("bin", "bin-o", T0.minusSeconds(60), T0.plusSeconds(60), 1000))
                .extracting(StoredReading::sequence)
                .containsExactlyElementsOf(IntStream.range(0, 60).mapToObj(i -> (long) i).toList());
    }

    private static List<Reading> bins(final String device, final int firstSeq, final int count) {
        return IntStream.range(firstSeq, firstSeq + count)
                .mapToObj(i -> new Reading("c", "bin", device, T0.toEpochMilli() + i, i, Map.of("fill_pct", 1.0 * i)))
                .toList();
    }

    private static String url() {
        return "http://" + INFLUX.getHost() + ":" + INFLUX.getMappedPort(8086);
    }
}
