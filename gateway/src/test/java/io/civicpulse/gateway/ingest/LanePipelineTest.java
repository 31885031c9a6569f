// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.storage.TelemetryQuarantine;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.gateway.storage.TelemetryWriter;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What the lane answers each publisher, from how the writer durably accepted (or refused) its reading. */
class LanePipelineTest {
    private static final long BASE = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();

    @TempDir
    Path dataDir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private volatile boolean storeDown;
    private TelemetrySpool spool;
    private TelemetryQuarantine quarantine;
    private TelemetryWriter writer;

    @AfterEach
    void tearDown() {
        writer.close();
        spool.close();
        quarantine.close();
    }

    @Test
    void process_storeRefusesOneReading_thatItemGetsPayloadInvalidAndTheOthersAccepted() throws Exception {
        // given
        final LanePipeline lane = new LanePipeline(new NoRules(), startWriter(1L << 20), registry);
        final List<CompletableFuture<IngestResult>> results = IntStream.range(0, 3)
                .mapToObj(i -> new CompletableFuture<IngestResult>()).toList();

        // when the middle reading carries the metric the store refuses
        lane.process(List.of(item(0, "fill_pct", results.get(0)), item(1, "refused", results.get(1)),
                item(2, "fill_pct", results.get(2))));

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> results.stream().allMatch(CompletableFuture::isDone));
        assertThat(results.get(0).get()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(results.get(2).get()).isEqualTo(IngestResult.ACCEPTED);
        assertThat(results.get(1).get().outcome()).isEqualTo(IngestOutcome.PAYLOAD_INVALID);
        assertThat(results.get(1).get().reason()).contains("quarantine").contains("column type conflict");
    }

    @Test
    void process_packWithOneRefusedReading_thatMessageGetsPayloadInvalidAndTheNextAccepted() throws Exception {
        // given a message of three readings (a SenML pack), the last one refused, then a one-reading message
        final LanePipeline lane = new LanePipeline(new NoRules(), startWriter(1L << 20), registry);
        final CompletableFuture<IngestResult> pack = new CompletableFuture<>();
        final CompletableFuture<IngestResult> single = new CompletableFuture<>();
        final List<Reading> packReadings = List.of(reading(0, "fill_pct"), reading(1, "fill_pct"),
                reading(2, "refused"));

        // when
        lane.process(List.of(new LaneItem(packReadings, pack::complete), item(3, "fill_pct", single)));

        // then
        assertThat(pack.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(IngestOutcome.PAYLOAD_INVALID);
        assertThat(pack.get().reason()).contains("a reading of the message");
        assertThat(single.get(10, TimeUnit.SECONDS)).isEqualTo(IngestResult.ACCEPTED);
    }

    @Test
    void process_storeDown_itemsAreAcceptedFromTheSpool() throws Exception {
        // given
        storeDown = true;
        final LanePipeline lane = new LanePipeline(new NoRules(), startWriter(1L << 20), registry);
        final CompletableFuture<IngestResult> result = new CompletableFuture<>();

        // when
        lane.process(List.of(item(0, "fill_pct", result)));

        // then
        assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(IngestResult.ACCEPTED);
        assertThat(spool.pendingReadings()).isEqualTo(1);
    }

    @Test
    void process_storeDownAndSpoolFull_itemsAreRefusedOverloadedNamingTheSpool() throws Exception {
        // given the store down and the smallest spool, filled
        storeDown = true;
        final LanePipeline lane = new LanePipeline(new NoRules(), startWriter(TelemetrySpool.MIN_MAX_BYTES),
                registry);
        IngestResult last = IngestResult.ACCEPTED;
        for (int i = 0; i < 10_000 && last.accepted(); i++) {
            final CompletableFuture<IngestResult> result = new CompletableFuture<>();
            lane.process(List.of(item(i, "fill_pct", result)));
            last = result.get(10, TimeUnit.SECONDS);
        }

        // then
        assertThat(last.outcome()).isEqualTo(IngestOutcome.OVERLOADED);
        assertThat(last.reason()).contains("spool is full").contains("retry later");
    }

    private TelemetryWriter startWriter(final long spoolBytes) throws Exception {
        spool = TelemetrySpool.open(dataDir.resolve("spool"), spoolBytes, registry);
        quarantine = TelemetryQuarantine.open(dataDir.resolve("quarantine"), 1L << 20, Clock.systemUTC(), registry);
        writer = new TelemetryWriter(new RefusingStore(), spool, quarantine, new TelemetryWriter.Settings(100, 1000,
                Duration.ZERO, Duration.ofSeconds(10), Duration.ofMillis(100)), registry);
        writer.start();
        return writer;
    }

    private static LaneItem item(final int seq, final String metric, final CompletableFuture<IngestResult> result) {
        return new LaneItem(reading(seq, metric), result::complete);
    }

    private static Reading reading(final int seq, final String metric) {
        return new Reading("lakeside", "bin", "bin-001", BASE + seq, seq, Map.of(metric, 1.0));
    }

    /** Down on demand; refuses (like HTTP 400) any write holding a metric named "refused". */
    private final class RefusingStore implements TelemetryStore {
        @Override
        public void write(final List<Reading> readings) throws TelemetryStoreException {
            if (storeDown) {
                throw new TelemetryStoreException("store down", null, true);
            }
            if (readings.stream().anyMatch(r -> r.has("refused"))) {
                throw new TelemetryStoreException("HTTP 400: column type conflict", null, false);
            }
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

    /** A rule session that evaluates nothing. */
    private static final class NoRules implements RuleSession {
        @Override
        public void register(final DeviceProfile profile) {
            // No rules.
        }

        @Override
        public void process(final List<Reading> readings) {
            // No rules.
        }

        @Override
        public void deviceOffline(final String deviceId, final long atMillis) {
            // No rules.
        }

        @Override
        public void advanceTo(final long epochMillis) {
            // No rules.
        }

        @Override
        public long now() {
            return 0;
        }

        @Override
        public void close() {
            // Nothing to release.
        }
    }
}
