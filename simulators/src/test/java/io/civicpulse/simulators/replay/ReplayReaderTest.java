// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayReaderTest {

    @TempDir
    Path dir;

    @Test
    void read_jsonl_sortsByTimeAndTakesEpochOrIsoTimes() throws Exception {
        final Path file = dir.resolve("rec.jsonl");
        Files.writeString(file, """
                {"device":"bin-001","ts":"2025-11-27T10:00:10Z","metrics":{"fill_pct":41.5}}
                # comments and blank lines are skipped

                {"device":"sl-001","ts":1764237600000,"metrics":{"lamp_current_a":0.42,"voltage_v":230}}
                """);

        final List<ReplayRecord> records = ReplayReader.read(file);

        assertThat(records).extracting(ReplayRecord::deviceId).containsExactly("sl-001", "bin-001");
        assertThat(records.get(1).epochMillis() - records.get(0).epochMillis()).isEqualTo(10_000);
        assertThat(records.get(0).metrics()).containsKeys("lamp_current_a", "voltage_v");
    }

    @Test
    void read_csv_wideFormSkipsEmptyCells() throws Exception {
        final Path file = dir.resolve("rec.csv");
        Files.writeString(file, "ts,device,fill_pct,temperature_c\n1000,bin-001,40,\n2000,bin-001,41,18.5\n");

        final List<ReplayRecord> records = ReplayReader.read(file);

        assertThat(records).hasSize(2);
        assertThat(records.get(0).metrics()).containsOnlyKeys("fill_pct");
        assertThat(records.get(1).metrics().get("temperature_c").doubleValue()).isEqualTo(18.5);
    }

    @Test
    void read_badLines_nameFileLineAndProblem() throws Exception {
        final Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "ts,device,fill_pct\n1000,bin-001,full\n");
        assertThatThrownBy(() -> ReplayReader.read(csv)).hasMessage(csv + ":2: column 'fill_pct': 'full' is not a"
                + " number");

        final Path jsonl = dir.resolve("bad.jsonl");
        Files.writeString(jsonl, "{\"device\":\"bin-001\",\"ts\":\"yesterday\",\"metrics\":{\"fill_pct\":1}}\n");
        assertThatThrownBy(() -> ReplayReader.read(jsonl)).hasMessageContaining(jsonl + ":1: time 'yesterday'");
    }
}
