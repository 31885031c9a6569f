// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.config.TelemetryStoreConfig;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention on the real embedded QuestDB: roll-up into hourly rows, raw days dropped, metric counted. */
class TelemetryRetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-20T10:30:00Z");
    private static final Instant FAR_PAST = Instant.parse("2020-01-01T00:00:00Z");

    @TempDir
    Path dataDir;
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private QuestDbTelemetryStore store;
    private QuestDbSql sql;
    private TelemetryRetention retention;

    @BeforeEach
    void start() throws TelemetryStoreException {
        store = QuestDbTelemetryStore.start(dataDir, metrics);
        sql = store.sql();
        retention = new TelemetryRetention(store.sql(), new TelemetryStoreConfig.Retention(true, Duration.ofDays(7),
                Duration.ofDays(365), Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC), metrics);
    }

    @AfterEach
    void stop() {
        retention.close();
        sql.close();
        store.close();
    }

    @Test
    void runOnce_readingsOlderThanRawRetention_areDroppedAfterTheirHoursAreRolledUp() throws Exception {
        // given a gate reporting every 10 minutes for 10 days: 6 readings of 2 passes per hour
        final List<Reading> readings = new ArrayList<>();
        final Instant start = NOW.minus(Duration.ofDays(10)).truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        for (Instant t = start; t.isBefore(NOW); t = t.plus(Duration.ofMinutes(10))) {
            readings.add(new Reading("c", "gate", "g-1", t.toEpochMilli(), t.getEpochSecond(),
                    Map.of("passes", 2.0, "battery_pct", 80.0)));
        }
        store.write(readings);

        // when
        retention.runOnce();

        // then raw rows older than 7 days (whole days) are gone, the rest stays
        final Instant cutoff = Instant.parse("2026-03-13T00:00:00Z");
        assertThat(count("SELECT count() FROM gate WHERE timestamp < ?", cutoff)).isZero();
        assertThat(count("SELECT count() FROM gate WHERE timestamp >= ?", cutoff))
                .isEqualTo(readings.stream().filter(r -> r.getTimestampMillis() >= cutoff.toEpochMilli()).count());
        // and every finished hour since the first reading has one hourly row with the sum of passes
        final long hours = Duration.between(start, NOW.truncatedTo(java.time.temporal.ChronoUnit.HOURS)).toHours();
        assertThat(count("SELECT count() FROM gate_hourly WHERE timestamp >= ?", FAR_PAST)).isEqualTo(hours);
        assertThat(sql.query("SELECT passes_sum, battery_pct_avg, readings FROM gate_hourly WHERE timestamp = ?",
                List.of(start), r -> List.of(r.getDouble(1), r.getDouble(2), r.getDouble(3))))
                .containsExactly(List.of(12.0, 80.0, 6.0));
        assertThat(metrics.get(TelemetryRetention.DROPPED).counter().count())
                .isEqualTo(readings.size() - count("SELECT count() FROM gate WHERE timestamp >= ?", cutoff));
        assertThat(metrics.get(TelemetryRetention.LAST_SUCCESS).gauge().value()).isEqualTo(NOW.getEpochSecond());
    }

    @Test
    void runOnce_twice_recomputesRecentHoursWithoutDuplicates() throws Exception {
        // given
        final Instant hour = NOW.minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        store.write(List.of(new Reading("c", "bin", "b-1", hour.toEpochMilli(), 1, Map.of("fill_pct", 10.0))));
        retention.runOnce();

        // when a late reading for the same hour arrives (spool replay) and retention runs again
        store.write(List.of(new Reading("c", "bin", "b-1", hour.toEpochMilli() + 60_000, 2,
                Map.of("fill_pct", 30.0))));
        retention.runOnce();

        // then the hour is one row with both readings
        assertThat(sql.query("SELECT readings, fill_pct_avg, fill_pct_max FROM bin_hourly WHERE device = 'b-1'",
                List.of(), r -> List.of(r.getDouble(1), r.getDouble(2), r.getDouble(3))))
                .containsExactly(List.of(2.0, 20.0, 30.0));
    }

    private long count(final String query, final Instant param) throws TelemetryStoreException {
        sql.awaitTable("gate");
        return sql.query(query, List.of(param), r -> r.getLong(1)).get(0);
    }
}
