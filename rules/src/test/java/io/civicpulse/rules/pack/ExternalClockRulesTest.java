// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The default pack on a session whose clock only {@code advanceTo} moves ({@link ClockSource#EXTERNAL}): the clock
 * starts at minute 0 and stays there until an {@code "@"} step, so a reading stamped later is ahead of the clock.
 */
class ExternalClockRulesTest {
    private static final long ONE_MINUTE = 60_000L;

    static Stream<Arguments> durationScenarios() {
        return Stream.of(
                arguments("readings alone never complete a duration", "bin", "fill_pct", "WB-01",
                        List.of("0=95", "5=95", "10=95", "20=95"), List.of()),
                arguments("the clock passing the due time raises, dated at the due time", "bin", "fill_pct", "WB-01",
                        List.of("0=95", "15=95", "@9.99", "@10", "@30"), List.of("RAISED@10")),
                arguments("a reading ahead of the clock that breaks after the due time raises, then clears",
                        "bin", "fill_pct", "WB-01", List.of("0=95", "12=10"), List.of("RAISED@10", "CLEARED@12")),
                arguments("a reading ahead of the clock that breaks before the due time drops the condition",
                        "bin", "fill_pct", "WB-01", List.of("0=95", "9=10", "@30"), List.of()),
                arguments("a break between the thresholds after the due time raises and keeps it raised",
                        "bin", "fill_pct", "WB-01", List.of("0=95", "12=85", "@30"), List.of("RAISED@10")),
                arguments("a late reading is judged on its own time", "bin", "fill_pct", "WB-01",
                        List.of("@30", "0=95"), List.of("RAISED@10")),
                arguments("late readings that complete and break a duration raise, then clear",
                        "bin", "fill_pct", "WB-01", List.of("@30", "0=95", "20=10"),
                        List.of("RAISED@10", "CLEARED@20")),
                arguments("a gate open ahead of the clock waits for the clock", "gate", "door_open", "GT-01",
                        List.of("0=1", "7=1", "@4.99", "@5"), List.of("RAISED@5")),
                arguments("a gate closed ahead of the clock after the due time raises, then clears",
                        "gate", "door_open", "GT-01", List.of("0=1", "7=0"), List.of("RAISED@5", "CLEARED@7")),
                arguments("a lamp reading ahead of the clock past dawn does not expire the duration",
                        "streetlight", "lamp_current_a", "SL-01",
                        List.of("@28T05:45", "28T05:45=0.0", "28T06:30=0.0", "@28T05:55"), List.of("RAISED@28T05:55")),
                arguments("a lamp dark too close to dawn expires when the clock passes dawn",
                        "streetlight", "lamp_current_a", "SL-01",
                        List.of("@28T05:45", "28T05:55=0.0", "28T06:30=0.0", "@28T07:00"), List.of()),
                arguments("a lit lamp ahead of the clock after the due time raises, then clears",
                        "streetlight", "lamp_current_a", "SL-01",
                        List.of("@28T05:45", "28T05:45=0.0", "28T05:58=0.4"),
                        List.of("RAISED@28T05:55", "CLEARED@28T05:58")),
                arguments("an immediate rule judges a reading ahead of the clock at once, on its own time",
                        "bin", "temperature_c", "WB-03", List.of("0=21", "30=75"), List.of("RAISED@30")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("durationScenarios")
    void process_externalClockScenario_emitsExpectedTransitions(final String scenario, final String deviceType,
                                                                final String metric, final String category,
                                                                final List<String> steps,
                                                                final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), deviceType, ClockSource.EXTERNAL);

        // when
        final List<String> transitions = device.run(metric, steps, category);

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    static Stream<Arguments> silentScenarios() {
        return Stream.of(
                arguments("advanceTo alone raises 3 intervals after registration",
                        List.of("@2.99", "@3"), List.of("RAISED@3")),
                arguments("readings in step with the clock keep the device quiet",
                        List.of("@1", "1=80", "@2", "2=80", "@4", "4=80", "@6.99"), List.of()),
                arguments("a reading stamped ahead of the clock counts as heard at the clock",
                        List.of("@1", "11=80", "@3.99", "@4"), List.of("RAISED@4")),
                arguments("a reading stamped ahead of the clock ends the silence at the clock",
                        List.of("@4", "10=80"), List.of("RAISED@3", "CLEARED@4")),
                arguments("a late reading that leaves the device silent at the clock does not clear",
                        List.of("@10", "5=80"), List.of("RAISED@3")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("silentScenarios")
    void advanceTo_externalClockSilentScenario_emitsExpectedTransitions(final String scenario,
                                                                        final List<String> steps,
                                                                        final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", ClockSource.EXTERNAL)
                .registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", steps, "DV-01");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }
}
