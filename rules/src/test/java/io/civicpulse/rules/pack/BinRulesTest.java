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

/**
 * WB-01 (full at >= 90 % for 10 min, clears below 80 %) and WB-03 (fire at >= 70 °C or a 20 °C rise; clears below
 * 50 °C, and after a rise only once back at most 10 °C above the temperature before the rise) with the default
 * parameters.
 */
class BinRulesTest {

    static Stream<Arguments> binFullScenarios() {
        return Stream.of(
                arguments("full for 10 min raises at onset + 10 min",
                        List.of("0=95", "5=96", "10=97"), List.of("RAISED@10")),
                arguments("full for 9.9 min only does not raise",
                        List.of("0=95", "9.9=95"), List.of()),
                arguments("exactly at the threshold counts as full",
                        List.of("0=90", "10=90"), List.of("RAISED@10")),
                arguments("a dip below full resets the onset",
                        List.of("0=95", "5=89.9", "6=95", "15=95", "16=95"), List.of("RAISED@16")),
                arguments("clock passing with the bin last seen full raises from advanceTo",
                        List.of("0=95", "@9.99", "@10"), List.of("RAISED@10")),
                arguments("full while raised does not raise again",
                        List.of("0=95", "10=95", "20=99", "30=100", "@90"), List.of("RAISED@10")),
                arguments("between clear and full thresholds keeps the raised state",
                        List.of("0=95", "10=95", "15=85", "20=80", "25=79.9"), List.of("RAISED@10", "CLEARED@25")),
                arguments("raises again after a clear",
                        List.of("0=95", "10=95", "20=50", "30=95", "40=95"),
                        List.of("RAISED@10", "CLEARED@20", "RAISED@40")),
                arguments("reading just past the due time raises before the clock fact catches up",
                        List.of("0=95", "9.995=95", "10.001=95"), List.of("RAISED@10")),
                arguments("late emptied reading after the duration raises, then clears",
                        List.of("0=95", "30=10"), List.of("RAISED@10", "CLEARED@30")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binFullScenarios")
    void process_binFullScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                          final List<String> expected) {
        // given
        final Scenario bin = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        final List<String> transitions = bin.run("fill_pct", steps, "WB-01");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    static Stream<Arguments> binFireScenarios() {
        return Stream.of(
                arguments("hot reading raises at once",
                        List.of("0=21", "1=75"), List.of("RAISED@1")),
                arguments("exactly the fire threshold raises",
                        List.of("0=70"), List.of("RAISED@0")),
                arguments("rise of 20 since the previous reading raises",
                        List.of("0=21", "1=41"), List.of("RAISED@1")),
                arguments("rise just under 20 does not raise",
                        List.of("0=21", "1=40.9"), List.of()),
                arguments("slow rise in small steps does not raise",
                        List.of("0=21", "1=35", "2=50", "3=65"), List.of()),
                arguments("first reading has no previous one to rise from",
                        List.of("0=45"), List.of()),
                arguments("hot and still rising raises once",
                        List.of("0=21", "1=75", "2=99"), List.of("RAISED@1")),
                arguments("between clear and fire thresholds keeps the raised state",
                        List.of("0=75", "1=80", "2=60", "3=50", "4=49.9"), List.of("RAISED@0", "CLEARED@4")),
                arguments("steep rise below the clear temperature raises, and a still hot next reading keeps it",
                        List.of("0=21", "1=41", "2=42"), List.of("RAISED@1")),
                arguments("rise then stays hot below the clear temperature does not clear",
                        List.of("0=21", "1=43", "2=44", "3=40", "4=31.1"), List.of("RAISED@1")),
                arguments("rise then cools back to the baseline plus half the rise clears",
                        List.of("0=21", "1=43", "2=44", "3=35", "4=31"), List.of("RAISED@1", "CLEARED@4")),
                arguments("rise then cools to the starting temperature clears",
                        List.of("0=21", "1=43", "2=21"), List.of("RAISED@1", "CLEARED@2")),
                arguments("rise that then burns past the fire threshold still needs to cool to the baseline",
                        List.of("0=21", "1=43", "2=80", "3=45", "4=30"), List.of("RAISED@1", "CLEARED@4")),
                arguments("rise from a warm baseline clears below the clear temperature",
                        List.of("0=45", "1=66", "2=50", "3=49.9"), List.of("RAISED@1", "CLEARED@3")),
                arguments("absolute raise then below the clear temperature clears, whatever came before",
                        List.of("0=21", "1=75", "2=49"), List.of("RAISED@1", "CLEARED@2")),
                arguments("steep rise right after a clear raises again on the same reading",
                        List.of("0=75", "1=10", "2=35"), List.of("RAISED@0", "CLEARED@1", "RAISED@2")),
                arguments("cool readings without a fire clear nothing",
                        List.of("0=20", "1=19"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binFireScenarios")
    void process_binFireScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                          final List<String> expected) {
        // given
        final Scenario bin = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        final List<String> transitions = bin.run("temperature_c", steps, "WB-03");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void process_binFireByRise_reportsRuleAndEvidence() {
        // given
        final Scenario bin = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        bin.run("temperature_c", List.of("0=21", "1=43.5"), "WB-03");

        // then
        assertThat(bin.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.ruleId()).isEqualTo("WB-03 bin fire rise raise");
            assertThat(a.detail())
                    .isEqualTo("temperature_c rose from 21.0 to 43.5 (>= 20.0 since the previous reading)");
        });
    }

    @Test
    void process_binFireByRiseCooledDown_reportsClearEvidence() {
        // given
        final Scenario bin = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        bin.run("temperature_c", List.of("0=21", "1=43.5", "2=44", "3=30.5"), "WB-03");

        // then
        assertThat(bin.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("WB-03 bin fire rise raise",
                        "temperature_c rose from 21.0 to 43.5 (>= 20.0 since the previous reading)"),
                tuple("WB-03 bin fire clear", "temperature_c 30.5 < 50.0 and <= 31.0 (21.0 before the rise + 10.0)"));
    }

    @Test
    void process_binFireByTemperatureCooledDown_reportsClearEvidence() {
        // given
        final Scenario bin = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        bin.run("temperature_c", List.of("0=21", "1=75", "2=49"), "WB-03");

        // then
        assertThat(bin.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("WB-03 bin fire hot raise", "temperature_c 75.0 >= 70.0"),
                tuple("WB-03 bin fire clear", "temperature_c 49.0 < 50.0"));
    }

    @Test
    void process_binFullForDuration_reportsRuleAndEvidence() {
        // given
        final Scenario bin = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        bin.run("fill_pct", List.of("0=93.5", "10=95", "11=40"), "WB-01");

        // then
        assertThat(bin.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("WB-01 bin full raise", "fill_pct 93.5 >= 90.0 for 10 min"),
                tuple("WB-01 bin full clear", "fill_pct 40.0 < 80.0"));
    }
}
