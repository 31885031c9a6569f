// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** GT-01 with the default parameters: door_open == 1 for 5 min raises; door_open == 0 clears. */
class GateRulesTest {

    static Stream<Arguments> gateHeldOpenScenarios() {
        return Stream.of(
                arguments("open for 5 min raises at onset + 5 min",
                        List.of("0=1", "2=1", "5=1"), List.of("RAISED@5")),
                arguments("open for 4.9 min only does not raise",
                        List.of("0=1", "4.9=1"), List.of()),
                arguments("closing before the duration resets the onset",
                        List.of("0=1", "4=0", "5=1", "9.9=1"), List.of()),
                arguments("clock passing with the gate last seen open raises from advanceTo",
                        List.of("0=1", "@4.99", "@5"), List.of("RAISED@5")),
                arguments("open while raised does not raise again",
                        List.of("0=1", "5=1", "10=1", "@60"), List.of("RAISED@5")),
                arguments("raised then closed clears",
                        List.of("0=1", "5=1", "6=1", "7=0"), List.of("RAISED@5", "CLEARED@7")),
                arguments("closed gate never raises",
                        List.of("0=0", "10=0", "@60"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("gateHeldOpenScenarios")
    void process_gateHeldOpenScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                               final List<String> expected) {
        // given
        final Scenario gate = Scenario.open(RuleParameters.defaults(), "gate");

        // when
        final List<String> transitions = gate.run("door_open", steps, "GT-01");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void process_gateHeldOpen_reportsRuleAndEvidence() {
        // given
        final Scenario gate = Scenario.open(RuleParameters.defaults(), "gate");

        // when
        gate.run("door_open", List.of("0=1", "@5", "6=0"), "GT-01");

        // then
        assertThat(gate.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("GT-01 gate held open raise", "door_open 1 for 5 min"),
                tuple("GT-01 gate closed clear", "door_open 0"));
    }
}
