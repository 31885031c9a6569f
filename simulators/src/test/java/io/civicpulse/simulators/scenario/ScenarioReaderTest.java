// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicpulse.simulators.device.FaultKind;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioReaderTest {

    private static final String VALID = """
            name: demo
            fleet: {seed: 42, streetlights: 1, bins: 2, gates: 1, interval: 500ms}
            timeline:
              - {at: 5s, report: {category: WB-04, lat: 30.27, lon: 120.15, text: dumped}}
              - {at: 1s, fault: bin-fire, device: bin-002}
            expect:
              - {category: WB-03, device: bin-002, state: DISPATCHED, lead: street-office}
              - {category: WB-03, device: bin-002, rung: REMINDED, by: PT8M, within: 30s}
            """;

    @Test
    void parse_valid_readsFleetTimelineInTimeOrderAndExpectations() {
        final Scenario scenario = ScenarioReader.parse(VALID, "demo.yaml");

        assertThat(scenario.fleet().shape().bins()).isEqualTo(2);
        assertThat(scenario.fleet().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(scenario.fleet().client()).isEqualTo(MqttClientKind.NETTY);
        assertThat(scenario.timeline()).extracting(ScenarioStep::at).containsExactly(Duration.ofSeconds(1),
                Duration.ofSeconds(5));
        assertThat(scenario.timeline().get(0).fault()).isEqualTo(FaultKind.BIN_FIRE);
        assertThat(scenario.timeline().get(1).report().category()).isEqualTo("WB-04");
        assertThat(scenario.expectations().get(0).by()).isNull();
        assertThat(scenario.expectations().get(0).within()).isEqualTo(Duration.ofSeconds(60));
        assertThat(scenario.expectations().get(1).by()).isEqualTo(Duration.ofMinutes(8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fault: bin-fire        | fault: bin-melt        | timeline[1].fault: unknown fault 'bin-melt'",
        "rung: REMINDED         | rung: ANGRY            | expect[1].rung: 'ANGRY' is not an escalation rung",
        "state: DISPATCHED      | stat: DISPATCHED       | expect[0].stat: unknown field; allowed here:",
        "interval: 500ms        | interval: soon         | fleet.interval: invalid duration 'soon'",
        "by: PT8M               | by: PT-8M              | expect[1].by: duration 'PT-8M' must not be negative",
        "lat: 30.27             | lat: north             | timeline[0].report.lat: expected a number",
        "{at: 1s, fault         | {fault                 | timeline[1].at: missing",
    })
    void parse_invalid_namesSourceFieldAndProblem(final String from, final String to, final String message) {
        assertThatThrownBy(() -> ScenarioReader.parse(VALID.replace(from, to), "demo.yaml"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("demo.yaml: " + message);
    }

    @Test
    void parse_noExpectations_refused() {
        assertThatThrownBy(() -> ScenarioReader.parse("name: x\nfleet: {bins: 1}\nexpect: []\n", "x.yaml"))
                .hasMessage("x.yaml: expect: a scenario needs at least one expectation");
    }

    @Test
    void read_everyShippedScenario_parsesAndCoversEachRoutingClass() throws IOException {
        final List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("scenarios"))) {
            files = list.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        final List<String> classes = files.stream().map(ScenarioReader::read)
                .flatMap(scenario -> scenario.expectations().stream())
                .map(Expectation::routingClass).filter(java.util.Objects::nonNull).distinct().toList();
        assertThat(classes).contains("ROUTINE_AUTO", "PUBLIC_SERVICE", "ADMINISTRATIVE", "MIXED");
    }
}
