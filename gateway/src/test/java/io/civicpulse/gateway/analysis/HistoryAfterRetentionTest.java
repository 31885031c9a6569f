// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.config.TelemetryStoreConfig;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.QuestDbTelemetryStore;
import io.civicpulse.gateway.storage.TelemetryRetention;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/** A long history reaches back past the raw retention through the hourly aggregates. */
class HistoryAfterRetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-20T10:30:00Z");
    private static final Instant DAY0 = Instant.parse("2026-03-10T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void history_dailyBucketsOverTenDaysWithSevenDaysRaw_answersEveryDayWithReadingsAndDailyMean() throws Exception {
        // given a gate every 10 minutes since DAY0, battery 70 + day number, and retention keeping 7 raw days
        try (QuestDbTelemetryStore store = QuestDbTelemetryStore.start(dir, new SimpleMeterRegistry());
             QuestDbSql sql = store.sql()) {
            final List<Reading> readings = new ArrayList<>();
            for (Instant t = DAY0; t.isBefore(NOW); t = t.plus(Duration.ofMinutes(10))) {
                final long day = Duration.between(DAY0, t).toDays();
                readings.add(new Reading("c", "gate", "g-1", t.toEpochMilli(), t.getEpochSecond(),
                        Map.of("passes", 2.0, "battery_pct", 70.0 + day)));
            }
            store.write(readings);
            try (TelemetryRetention retention = new TelemetryRetention(store.sql(), new TelemetryStoreConfig.Retention(
                    true, Duration.ofDays(7), Duration.ofDays(365), Duration.ofHours(1)),
                    Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry())) {
                retention.runOnce();
            }
            final Device gate = new Device("g-1", "gate", "c", "x", 600, Double.NaN, Double.NaN, "", "");

            // when
            final AnalysisTable table = new HistoryAnalysis(sql).history(gate, DAY0, DAY0.plus(Duration.ofDays(10)),
                    Duration.ofDays(1));

            // then days 0-2 (raw rows dropped) come from the hourly table, days 3-9 from raw rows
            assertThat(sql.query("SELECT count() FROM gate WHERE timestamp < '2026-03-13'", List.of(),
                    r -> r.getLong(1))).containsExactly(0L);
            final int readingsColumn = table.columns().indexOf("readings");
            final int meanColumn = table.columns().indexOf("battery_pct_mean");
            final int passesMax = table.columns().indexOf("passes_max");
            assertThat(table.rows()).hasSize(10);
            for (int day = 0; day < 10; day++) {
                final List<Object> row = table.rows().get(day);
                assertThat(row.get(0)).isEqualTo(DAY0.plus(Duration.ofDays(day)));
                assertThat(row.get(readingsColumn)).as("day %d", day).isEqualTo(144L);
                assertThat((Double) row.get(meanColumn)).as("day %d", day).isEqualTo(70.0 + day);
                assertThat(row.get(passesMax)).isEqualTo(2.0);
            }
        }
    }
}
