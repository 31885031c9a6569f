// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.config.TelemetryStoreConfig;
import io.civicpulse.gateway.storage.TelemetryRetention;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query of {@code config/grafana-dashboard.json} runs on the embedded QuestDB (with Grafana's
 * {@code $__timeFilter} macro expanded the way its PostgreSQL data source does) and returns rows.
 */
class GrafanaDashboardTest {
    @TempDir
    static Path dir;
    private static AnalysisFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new AnalysisFixture(dir);
        try (TelemetryRetention rollUp = new TelemetryRetention(fixture.store().sql(),
                new TelemetryStoreConfig.Retention(true, Duration.ofDays(30), Duration.ofDays(365),
                        Duration.ofHours(1)), Clock.fixed(AnalysisFixture.NOW, ZoneOffset.UTC),
                new SimpleMeterRegistry())) {
            rollUp.runOnce();
        }
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void everyPanelQuery_runsOnTheEmbeddedStoreAndReturnsRows() throws Exception {
        // given
        final JsonNode dashboard = new ObjectMapper().readTree(Files.readString(dashboardFile()));
        final List<String> queries = new ArrayList<>();
        dashboard.get("panels").forEach(p -> p.get("targets").forEach(t -> queries.add(t.get("rawSql").asText())));

        // when / then
        assertThat(queries).hasSize(6);
        for (final String query : queries) {
            final String sql = query.replace("$__timeFilter(timestamp)",
                    "timestamp BETWEEN '2026-03-19T00:00:00Z' AND '2026-03-20T12:00:00Z'");
            assertThat(fixture.sql().query(sql, List.of(), r -> r.getObject(1))).as(query).isNotEmpty();
        }
    }

    private static Path dashboardFile() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isRegularFile(p.resolve("config").resolve("grafana-dashboard.json"))) {
            p = p.getParent();
        }
        assertThat(p).as("config/grafana-dashboard.json above the working directory").isNotNull();
        return p.resolve("config").resolve("grafana-dashboard.json");
    }
}
