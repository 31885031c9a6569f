// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetryQuarantineTest {
    private static final Instant NOW = Instant.parse("2026-02-01T10:00:00Z");

    @TempDir
    Path dir;

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void record_refusedReadings_appendsOneJsonLineEachWithReasonAndLineProtocol() throws Exception {
        // given
        try (TelemetryQuarantine quarantine = TelemetryQuarantine.open(dir, 1L << 20,
                Clock.fixed(NOW, ZoneOffset.UTC), registry)) {

            // when
            quarantine.record(List.of(reading("bin-1", 7), reading("bin 2", 8)), "HTTP 400: column type");

            // then
            final List<String> lines = Files.readAllLines(dir.resolve(TelemetryQuarantine.FILE_NAME));
            assertThat(lines).hasSize(2);
            final JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.get("quarantinedAt").asText()).isEqualTo("2026-02-01T10:00:00Z");
            assertThat(first.get("reason").asText()).isEqualTo("HTTP 400: column type");
            assertThat(first.get("device").asText()).isEqualTo("bin-1");
            assertThat(first.get("lineProtocol").asText())
                    .isEqualTo("bin,community=lakeside,device=bin-1,type=bin fill_pct=1.5,seq=7i 1764266400000");
            assertThat(new ObjectMapper().readTree(lines.get(1)).get("lineProtocol").asText())
                    .startsWith("bin,community=lakeside,device=bin\\ 2,type=bin ");
            assertThat(registry.counter(TelemetryQuarantine.QUARANTINED).count()).isEqualTo(2.0);
        }
    }

    @Test
    void record_beyondMaxBytes_throwsNamingTheSettingAndWritesNothing() throws Exception {
        // given a ledger with room for about one entry
        try (TelemetryQuarantine quarantine = TelemetryQuarantine.open(dir, 200, Clock.systemUTC(), registry)) {
            quarantine.record(List.of(reading("bin-1", 1)), "bad");
            final long size = Files.size(quarantine.file());

            // when / then
            assertThatThrownBy(() -> quarantine.record(List.of(reading("bin-1", 2)), "bad"))
                    .isInstanceOf(IOException.class).hasMessageContaining("telemetry.quarantine.maxBytes");
            assertThat(Files.size(quarantine.file())).isEqualTo(size);
        }
    }

    @Test
    void open_existingLedger_appendsAfterIt() throws Exception {
        // given
        try (TelemetryQuarantine first = TelemetryQuarantine.open(dir, 1L << 20, Clock.systemUTC(), registry)) {
            first.record(List.of(reading("bin-1", 1)), "first");
        }

        // when
        try (TelemetryQuarantine second = TelemetryQuarantine.open(dir, 1L << 20, Clock.systemUTC(), registry)) {
            second.record(List.of(reading("bin-1", 2)), "second");
        }

        // then
        assertThat(Files.readAllLines(dir.resolve(TelemetryQuarantine.FILE_NAME)))
                .satisfiesExactly(l -> assertThat(l).contains("first"), l -> assertThat(l).contains("second"));
    }

    private static Reading reading(final String device, final long seq) {
        return new Reading("lakeside", "bin", device, 1_764_266_400_000L, seq, Map.of("fill_pct", 1.5));
    }
}
