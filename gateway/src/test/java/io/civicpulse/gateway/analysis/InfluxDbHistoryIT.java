// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.testsupport.InfluxDbContainer;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.InfluxDbTelemetryStore;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Downsampled history through Flux on a real InfluxDB 2.7; reported as skipped where Docker is missing. */
@Testcontainers(disabledWithoutDocker = true)
class InfluxDbHistoryIT {
    private static final String TOKEN = InfluxDbContainer.TOKEN;
    private static final Instant T0 = Instant.parse("2026-03-20T08:00:00Z");

    @Container
    private static final GenericContainer<?> INFLUX = InfluxDbContainer.create();

    @Test
    void history_fourHoursInQuarterHours_gives16BucketsWithMinMaxMeanAndReadings() throws Exception {
        // given a lamp reporting every minute for 4 hours: current alternating 0.3 / 0.5
        try (InfluxDbTelemetryStore store = new InfluxDbTelemetryStore("http://" + INFLUX.getHost() + ":"
                + INFLUX.getMappedPort(8086), TOKEN.toCharArray(), "city", "telemetry", id -> "north")) {
            final List<Reading> readings = new ArrayList<>();
            for (int m = 0; m < 240; m++) {
                readings.add(new Reading("lakeside", "streetlight", "sl-1", T0.plusSeconds(60L * m).toEpochMilli(),
                        m, Map.of("lamp_current_a", m % 2 == 0 ? 0.3 : 0.5)));
            }
            store.write(readings);
            final Device lamp = new Device("sl-1", "streetlight", "lakeside", "x", 60, Double.NaN, Double.NaN,
                    "north", "seg-01");

            // when
            final AnalysisTable table = new InfluxDbHistory(store).history(lamp, T0, T0.plus(Duration.ofHours(4)),
                    Duration.ofMinutes(15));

            // then
            assertThat(table.columns()).containsExactly("bucket", "readings", "lamp_current_a_min",
                    "lamp_current_a_max", "lamp_current_a_mean");
            assertThat(table.rows()).hasSize(16);
            assertThat(table.rows().get(0).subList(0, 4)).containsExactly(T0, 15L, 0.3, 0.5);
            assertThat((Double) table.rows().get(0).get(4)).isCloseTo((8 * 0.3 + 7 * 0.5) / 15, within(1e-9));
        }
    }
}
