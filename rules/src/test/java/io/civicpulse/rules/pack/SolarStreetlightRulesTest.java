// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.SolarSchedule;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * SL-01 and SL-05 on a solar schedule: a lamp in Hangzhou (30.27 N, 120.16 E), where on 28 Nov 2026 the sun sets
 * around 17:00 and rises around 06:30 local time, long before the fixed 18:00-06:00 window would say.
 */
class SolarStreetlightRulesTest {
    private static final RuleParameters SOLAR = RuleParameters.defaults().withSolar(new SolarSchedule(
            Map.of(Scenario.DEVICE, new double[] {30.2741, 120.1551}), 0, 0));

    static Stream<Arguments> scenarios() {
        return Stream.of(
                arguments("dark at 17:20 (after sunset) raises SL-01 on the solar schedule", SOLAR, "SL-01",
                        List.of("28T17:20=0.0", "28T17:30=0.0"), List.of("RAISED@28T17:30")),
                arguments("dark at 17:20 is daytime for the fixed window", RuleParameters.defaults(), "SL-01",
                        List.of("28T17:20=0.0", "28T17:30=0.0"), List.of()),
                arguments("lit at 17:20 is normal on the solar schedule", SOLAR, "SL-05",
                        List.of("28T17:10=0.4", "28T17:40=0.4"), List.of()),
                arguments("lit at 17:10 for 30 min burns by day for the fixed window", RuleParameters.defaults(),
                        "SL-05", List.of("28T17:10=0.4", "28T17:40=0.4"), List.of("RAISED@28T17:25")),
                arguments("lit at 07:00 after sunrise burns by day on the solar schedule", SOLAR, "SL-05",
                        List.of("28T07:00=0.4", "28T07:15=0.4"), List.of("RAISED@28T07:15")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void process_solarScenario_emitsExpectedTransitions(final String scenario, final RuleParameters parameters,
                                                        final String category, final List<String> steps,
                                                        final List<String> expected) {
        // given
        final Scenario s = Scenario.open(parameters, "streetlight");

        // when
        final List<String> transitions = s.run("lamp_current_a", steps, category);

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }
}
