// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.domain.WritePrecision;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Runs against the real embedded QuestDB, one instance for the class (it takes about two seconds to start). */
class QuestDbTelemetryStoreTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant FAR_PAST = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_FUTURE = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    static Path dataDir;
    private static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    private static QuestDbTelemetryStore store;

    @BeforeAll
    static void startStore() throws TelemetryStoreException {
        store = QuestDbTelemetryStore.start(dataDir, REGISTRY);
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void start_embeddedQuestDb_listensOnEphemeralPortsInDataDir() {
        // then
        assertThat(store.httpPort()).isPositive();
        assertThat(store.pgPort()).isPositive().isNotEqualTo(store.httpPort());
        assertThat(dataDir.resolve("questdb").resolve("conf").resolve("log.conf")).isRegularFile();
        assertThat(dataDir.resolve("questdb").resolve("db")).isDirectory();
    }

    @Test
    void history_afterWriteOfTwoTypesAndDevices_returnsEachDevicesReadingsExactlyInOrder() throws Exception {
        // given readings written out of order, mixed across types and devices
        store.write(List.of(
                reading("streetlight", "sl-1", 2, 12, Map.of("lamp_current_a", 0.42, "lamp_on", 1.0)),
                reading("bin", "bin-1", 0, 5, Map.of("fill_pct", 93.5, "temperature_c", 21.0)),
                reading("streetlight", "sl-1", 0, 10, Map.of("lamp_current_a", 0.40, "lamp_on", 1.0)),
                reading("streetlight", "sl-2", 1, 7, Map.of("lamp_current_a", 0.0, "lamp_on", 0.0)),
                reading("streetlight", "sl-1", 1, 11, Map.of("lamp_current_a", 0.41, "lamp_on", 1.0))));

        // when
        final List<StoredReading> sl1 = store.history("streetlight", "sl-1", FAR_PAST, FAR_FUTURE, 100);
        final List<StoredReading> bin1 = store.history("bin", "bin-1", FAR_PAST, FAR_FUTURE, 100);

        // then
        assertThat(sl1).containsExactly(
                stored(0, 10, Map.of("lamp_current_a", 0.40, "lamp_on", 1.0)),
                stored(1, 11, Map.of("lamp_current_a", 0.41, "lamp_on", 1.0)),
                stored(2, 12, Map.of("lamp_current_a", 0.42, "lamp_on", 1.0)));
        assertThat(bin1).containsExactly(stored(0, 5, Map.of("fill_pct", 93.5, "temperature_c", 21.0)));
        assertThat(REGISTRY.timer(QuestDbTelemetryStore.HISTORY_DURATION).count()).isPositive();
    }

    @Test
    void history_afterWriterFutureCompletes_seesTheReadings() throws Exception {
        // given
        try (TelemetrySpool spool = TelemetrySpool.open(dataDir.resolve("spool"), 1L << 20, REGISTRY);
             TelemetryQuarantine quarantine = TelemetryQuarantine.open(dataDir.resolve("quarantine"), 1L << 20,
                     Clock.systemUTC(), REGISTRY);
             TelemetryWriter writer = new TelemetryWriter(store, spool, quarantine, new TelemetryWriter.Settings(10,
                     100, Duration.ofMillis(5), Duration.ofSeconds(10), Duration.ofSeconds(1)), REGISTRY)) {
            writer.start();

            // when
            writer.submit(List.of(reading("bin", "bin-writer", 0, 1, Map.of("fill_pct", 10.0)),
                    reading("bin", "bin-writer", 1, 2, Map.of("fill_pct", 11.0)))).get(10, TimeUnit.SECONDS);
        }

        // then
        assertThat(store.history("bin", "bin-writer", FAR_PAST, FAR_FUTURE, 10)).containsExactly(
                stored(0, 1, Map.of("fill_pct", 10.0)),
                stored(1, 2, Map.of("fill_pct", 11.0)));
    }

    @Test
    void write_integerLookingValueThenFraction_bothStoredAsDoubles() throws Exception {
        // given
        store.write(List.of(reading("bin", "bin-int", 0, 1, Map.of("battery_pct", 12.0))));

        // when
        store.write(List.of(reading("bin", "bin-int", 1, 2, Map.of("battery_pct", 12.5))));

        // then
        assertThat(store.history("bin", "bin-int", FAR_PAST, FAR_FUTURE, 10)).containsExactly(
                stored(0, 1, Map.of("battery_pct", 12.0)),
                stored(1, 2, Map.of("battery_pct", 12.5)));
    }

    @Test
    void history_readingsWithDifferentMetricsAndNoSequence_returnOnlyTheirOwnMetrics() throws Exception {
        // given a table holding the union of both readings' metrics
        store.write(List.of(
                reading("gate", "gate-1", 0, Reading.NO_SEQUENCE, Map.of("open", 1.0)),
                reading("gate", "gate-1", 1, 3, Map.of("forced", 1.0, "open", 0.0))));

        // when
        final List<StoredReading> history = store.history("gate", "gate-1", FAR_PAST, FAR_FUTURE, 10);

        // then
        assertThat(history).containsExactly(
                stored(0, StoredReading.NO_SEQUENCE, Map.of("open", 1.0)),
                stored(1, 3, Map.of("forced", 1.0, "open", 0.0)));
    }

    @Test
    void history_range_includesFromAndExcludesTo() throws Exception {
        // given readings at T0 + 0, 1, 2, 3 s
        store.write(List.of(reading("bin", "bin-range", 0, 0, Map.of("fill_pct", 0.0)),
                reading("bin", "bin-range", 1, 1, Map.of("fill_pct", 1.0)),
                reading("bin", "bin-range", 2, 2, Map.of("fill_pct", 2.0)),
                reading("bin", "bin-range", 3, 3, Map.of("fill_pct", 3.0))));

        // when
        final List<StoredReading> history = store.history("bin", "bin-range", at(1), at(3), 10);

        // then
        assertThat(history).extracting(StoredReading::sequence).containsExactly(1L, 2L);
        assertThat(store.history("bin", "bin-range", at(3), at(1), 10)).isEmpty();
        assertThat(store.history("bin", "bin-range", at(2), at(2), 10)).isEmpty();
    }

    @Test
    void history_limit_returnsTheEarliestReadings() throws Exception {
        // given
        store.write(List.of(reading("bin", "bin-limit", 0, 0, Map.of("fill_pct", 0.0)),
                reading("bin", "bin-limit", 1, 1, Map.of("fill_pct", 1.0)),
                reading("bin", "bin-limit", 2, 2, Map.of("fill_pct", 2.0))));

        // when
        final List<StoredReading> history = store.history("bin", "bin-limit", FAR_PAST, FAR_FUTURE, 2);

        // then
        assertThat(history).extracting(StoredReading::sequence).containsExactly(0L, 1L);
    }

    @Test
    void write_sameReadingTwice_storesItOnce() throws Exception {
        // given a reading that was stored, e.g. before a bridge restart or a crash before the spool was trimmed
        final Reading reading = reading("bin", "bin-twice", 0, 7, Map.of("fill_pct", 40.0));
        store.write(List.of(reading));

        // when it is delivered again, once alone and once inside a batch
        store.write(List.of(reading));
        store.write(List.of(reading, reading("bin", "bin-twice", 1, 8, Map.of("fill_pct", 41.0))));

        // then
        assertThat(store.history("bin", "bin-twice", FAR_PAST, FAR_FUTURE, 10)).containsExactly(
                stored(0, 7, Map.of("fill_pct", 40.0)),
                stored(1, 8, Map.of("fill_pct", 41.0)));
    }

    @Test
    void write_twoReadingsInOneMillisecondWithDifferentSequence_keepsBoth() throws Exception {
        // when
        store.write(List.of(reading("bin", "bin-burst", 0, 1, Map.of("fill_pct", 1.0)),
                reading("bin", "bin-burst", 0, 2, Map.of("fill_pct", 2.0))));

        // then
        assertThat(store.history("bin", "bin-burst", FAR_PAST, FAR_FUTURE, 10)).hasSize(2);
    }

    @Test
    void write_toTableCreatedEarlierWithoutDeduplication_turnsItOn() throws Exception {
        // given a table that line protocol created without a seq column or deduplication (an older data folder)
        try (InfluxDBClient other = InfluxDBClientFactory.create("http://127.0.0.1:" + store.httpPort(),
                new char[0], "org", "bucket")) {
            other.getWriteApiBlocking().writeRecord(WritePrecision.MS,
                    "meter,community=oak-park,device=m-1 pressure_bar=3.5 " + T0.toEpochMilli());
        }
        final Reading reading = reading("meter", "m-1", 1, 3, Map.of("pressure_bar", 3.6));

        // when
        store.write(List.of(reading));
        store.write(List.of(reading));

        // then
        assertThat(store.history("meter", "m-1", FAR_PAST, FAR_FUTURE, 10)).containsExactly(
                new StoredReading(T0, Reading.NO_SEQUENCE, Map.of("pressure_bar", 3.5)),
                stored(1, 3, Map.of("pressure_bar", 3.6)));
    }

    @Test
    void history_unknownDeviceOrTable_returnsEmpty() throws Exception {
        // given
        store.write(List.of(reading("bin", "bin-known", 0, 0, Map.of("fill_pct", 1.0))));

        // when / then
        assertThat(store.history("bin", "no-such-device", FAR_PAST, FAR_FUTURE, 10)).isEmpty();
        assertThat(store.history("hydrant", "h-1", FAR_PAST, FAR_FUTURE, 10)).isEmpty();
    }

    @Test
    void history_invalidDeviceTypeOrLimit_throwsIllegalArgument() {
        // when / then
        assertThatThrownBy(() -> store.history("bin\" WHERE 1=1; DROP TABLE bin; --", "x", FAR_PAST, FAR_FUTURE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device type");
        assertThatThrownBy(() -> store.history("bin", "x", FAR_PAST, FAR_FUTURE, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("limit");
    }

    @Test
    void write_invalidReading_throwsIllegalArgumentAndWritesNothing() throws Exception {
        // given
        final Reading good = reading("bin", "bin-atomic", 0, 0, Map.of("fill_pct", 1.0));
        final Reading bad = reading("bin", "bin-atomic", 1, 1, Map.of("timestamp", 1.0));

        // when / then
        assertThatThrownBy(() -> store.write(List.of(good, bad))).isInstanceOf(IllegalArgumentException.class);
        assertThat(store.history("bin", "bin-atomic", FAR_PAST, FAR_FUTURE, 10)).isEmpty();
    }

    @Test
    void write_fieldTypeConflict_throwsNonRetryableStoreException() {
        // given a column that another client created as an integer
        try (InfluxDBClient other = InfluxDBClientFactory.create("http://127.0.0.1:" + store.httpPort(),
                new char[0], "org", "bucket")) {
            other.getWriteApiBlocking().writeRecord(WritePrecision.MS,
                    "probe,community=c,device=p1 level=5i " + T0.toEpochMilli());
        }

        // when / then
        assertThatThrownBy(() -> store.write(List.of(reading("probe", "p1", 1, 1, Map.of("level", 5.5)))))
                .isInstanceOfSatisfying(TelemetryStoreException.class, e -> assertThat(e.isRetryable()).isFalse())
                .hasMessageContaining("level");
    }

    @Test
    void start_dataDirIsAFile_throwsStoreException(@TempDir final Path tmp) throws Exception {
        // given
        final Path file = Files.createFile(tmp.resolve("not-a-folder"));

        // when / then
        assertThatThrownBy(() -> QuestDbTelemetryStore.start(file, new SimpleMeterRegistry()))
                .isInstanceOf(TelemetryStoreException.class).hasMessageContaining("not-a-folder");
    }

    private static Reading reading(final String type, final String device, final int second, final long seq,
                                   final Map<String, Double> metrics) {
        return new Reading("oak-park", type, device, at(second).toEpochMilli(), seq, metrics);
    }

    private static StoredReading stored(final int second, final long seq, final Map<String, Double> metrics) {
        return new StoredReading(at(second), seq, metrics);
    }

    private static Instant at(final int second) {
        return T0.plusSeconds(second);
    }
}
