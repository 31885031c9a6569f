// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.engine.RuleEngine;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.ThresholdConditions;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Replay of recorded telemetry (JSONL) through the default pack on a pseudo clock. */
class ReplayServiceTest {
    private static final long T0 = 1_795_777_200_000L;
    private static final long MINUTE = 60_000L;
    private static RuleEngine engine;

    private final Map<String, Device> registry = Map.of(
            "bin-1", new Device("bin-1", "bin", "c1", "x", 60, 30, 120, "north", ""),
            "sl-1", lamp("sl-1"), "sl-2", lamp("sl-2"), "sl-3", lamp("sl-3"));
    private final ReplayService replay = new ReplayService(id -> Optional.ofNullable(registry.get(id)),
            RuleParameters.defaults(), ThresholdConditions.defaults(), 4, 60 * MINUTE, 3);

    @BeforeAll
    static void build() throws Exception {
        engine = RuleEngine.build(List.of());
    }

    @Test
    void replay_recordedJsonl_listsWouldBeIssuesOnEventTime() throws IOException {
        // given: a bin full for 12 minutes, then emptied; three lamps dark at night (19:00 local)
        final StringBuilder jsonl = new StringBuilder("# recorded 2026-11-27\n");
        for (int m = 0; m <= 12; m += 2) {
            jsonl.append(line("bin", "bin-1", T0 + m * MINUTE, "fill_pct", 95)).append('\n');
        }
        jsonl.append(line("bin", "bin-1", T0 + 13 * MINUTE, "fill_pct", 10)).append('\n');
        for (int m = 0; m <= 11; m++) {
            for (final String lamp : List.of("sl-1", "sl-2", "sl-3")) {
                jsonl.append(line("streetlight", lamp, T0 + m * MINUTE, "lamp_current_a", 0.0)).append('\n');
            }
        }
        final List<Reading> readings = ReplayReadings.parse(new BufferedReader(new StringReader(jsonl.toString())));

        // when
        final ReplayService.Report report = replay.replay(engine, readings, T0 + 14 * MINUTE);

        // then
        assertThat(report.readings()).isEqualTo(44);
        assertThat(report.anomalies()).extracting(Anomaly::deviceId, Anomaly::category, Anomaly::status)
                .contains(tuple("bin-1", "WB-01", AnomalyStatus.RAISED), tuple("bin-1", "WB-01",
                        AnomalyStatus.CLEARED));
        assertThat(report.wouldOpen()).extracting(Anomaly::deviceId, Anomaly::category).containsExactlyInAnyOrder(
                tuple("bin-1", "WB-01"), tuple("sl-1", "SL-01"), tuple("sl-2", "SL-01"), tuple("sl-3", "SL-01"),
                tuple("seg-01", "SL-02"));
        assertThat(report.wouldOpen()).filteredOn(a -> a.category().equals("WB-01")).singleElement()
                .extracting(Anomaly::atMillis).isEqualTo(T0 + 10 * MINUTE);
    }

    @Test
    void parse_badLine_namesLineAndField() {
        final String jsonl = line("bin", "bin-1", T0, "fill_pct", 1) + "\n{\"community\":\"c1\",\"type\":\"bin\","
                + "\"device\":\"bin-1\",\"ts\":1,\"metrics\":{\"fill_pct\":\"full\"}}\n";

        assertThatThrownBy(() -> ReplayReadings.parse(new BufferedReader(new StringReader(jsonl))))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("line 2: metrics.fill_pct is not a number");
        assertThatThrownBy(() -> ReplayReadings.parse(new BufferedReader(new StringReader("{oops"))))
                .hasMessageStartingWith("line 1: not JSON");
    }

    @Test
    void replay_nothing_givesEmptyReport() {
        assertThat(replay.replay(engine, new ArrayList<>(), 0).wouldOpen()).isEmpty();
    }

    private static String line(final String type, final String device, final long ts, final String metric,
                               final double value) {
        return "{\"community\":\"c1\",\"type\":\"" + type + "\",\"device\":\"" + device + "\",\"ts\":" + ts
                + ",\"metrics\":{\"" + metric + "\":" + value + "}}";
    }

    private static Device lamp(final String id) {
        return new Device(id, "streetlight", "c1", "x", 60, 30, 120, "south", "seg-01");
    }
}
