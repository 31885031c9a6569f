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

/** SL-01 with the default parameters: dark below 0.05 A for 10 min while scheduled on (18:00-06:00). */
class StreetlightRulesTest {

    static Stream<Arguments> lampDarkScenarios() {
        return Stream.of(
                arguments("dark for 10 min raises at onset + 10 min",
                        List.of("0=0.0", "5=0.0", "10=0.0"), List.of("RAISED@10")),
                arguments("dark for 9.9 min only does not raise",
                        List.of("0=0.0", "9=0.0", "9.9=0.0"), List.of()),
                arguments("lit before the duration resets the onset",
                        List.of("0=0.0", "9=0.4", "10=0.0", "19.9=0.0", "20=0.0"), List.of("RAISED@20")),
                arguments("clock passing with the lamp last seen dark raises from advanceTo",
                        List.of("0=0.0", "@9.99", "@10"), List.of("RAISED@10")),
                arguments("dark while raised does not raise again",
                        List.of("0=0.0", "10=0.0", "20=0.0", "30=0.0", "@120"), List.of("RAISED@10")),
                arguments("raised then lit clears at the lit reading",
                        List.of("0=0.0", "10=0.0", "15=0.4"), List.of("RAISED@10", "CLEARED@15")),
                arguments("current just below the threshold is dark and does not clear",
                        List.of("0=0.049", "10=0.049", "12=0.049", "13=0.05"), List.of("RAISED@10", "CLEARED@13")),
                arguments("late lit reading after the duration raises, then clears",
                        List.of("0=0.0", "12=0.4"), List.of("RAISED@10", "CLEARED@12")),
                arguments("dark in daytime never raises",
                        List.of("28T08:00=0.0", "28T09:00=0.0", "@28T17:00"), List.of()),
                arguments("dark reading before dusk does not start the duration",
                        List.of("27T17:55=0.0", "27T18:05=0.0", "27T18:14=0.0", "@27T18:15"),
                        List.of("RAISED@27T18:15")),
                arguments("dark too close to dawn expires with the window",
                        List.of("28T05:55=0.0", "28T06:05=0.0", "@28T07:00"), List.of()),
                arguments("dark early enough before dawn raises inside the window",
                        List.of("28T05:45=0.0", "@28T07:00"), List.of("RAISED@28T05:55")),
                arguments("raised lamp stays raised through the day and clears when lit next evening",
                        List.of("27T19:00=0.0", "27T19:10=0.0", "28T12:00=0.4", "28T18:05=0.4"),
                        List.of("RAISED@27T19:10", "CLEARED@28T18:05")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lampDarkScenarios")
    void process_lampDarkScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                           final List<String> expected) {
        // given
        final Scenario lamp = Scenario.open(RuleParameters.defaults(), "streetlight");

        // when
        final List<String> transitions = lamp.run("lamp_current_a", steps, "SL-01");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void process_lampDarkForDuration_reportsRuleAndEvidence() {
        // given
        final Scenario lamp = Scenario.open(RuleParameters.defaults(), "streetlight");

        // when
        lamp.run("lamp_current_a", List.of("0=0.0", "10=0.0", "11=0.41"), "SL-01");

        // then
        assertThat(lamp.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("SL-01 lamp dark raise",
                        "lamp_current_a 0.0 < 0.05 while scheduled on for 10 min"),
                tuple("SL-01 lamp lit clear",
                        "lamp_current_a 0.41 >= 0.05 while scheduled on"));
        assertThat(lamp.anomalies().get(0)).extracting(Anomaly::community, Anomaly::deviceType, Anomaly::deviceId)
                .containsExactly("c1", "streetlight", Scenario.DEVICE);
    }
}
