// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * DV-04 (schema violations) with the default limits: 3 refused payloads within 10 min raise; a valid reading received
 * 10 min or more after the latest refusal clears.
 */
class SchemaViolationRulesTest {
    private static final long ONE_MINUTE = 60_000L;

    static Stream<Arguments> rejectionScenarios() {
        return Stream.of(
                arguments("3 refusals within 10 min raise at the third",
                        List.of("rejected@1", "rejected@2", "rejected@3"), List.of("RAISED@3")),
                arguments("2 refusals do not raise",
                        List.of("rejected@1", "rejected@2", "@30"), List.of()),
                arguments("3 refusals spread over more than 10 min do not raise",
                        List.of("rejected@0", "rejected@6", "rejected@10.5"), List.of()),
                arguments("the window slides: the next refusal raises once 3 fall within it",
                        List.of("rejected@0", "rejected@6", "rejected@10.5", "rejected@12"), List.of("RAISED@12")),
                arguments("refusals while raised raise once",
                        List.of("rejected@1", "rejected@2", "rejected@3", "rejected@4", "rejected@5"),
                        List.of("RAISED@3")),
                arguments("a valid reading sooner than 10 min after the last refusal does not clear",
                        List.of("rejected@1", "rejected@2", "rejected@3", "5/5=80", "12.9/12.9=80"),
                        List.of("RAISED@3")),
                arguments("a valid reading 10 min after the last refusal clears",
                        List.of("rejected@1", "rejected@2", "rejected@3", "5/5=80", "13/13=80"),
                        List.of("RAISED@3", "CLEARED@13")),
                arguments("a refusal while raised pushes the clear on",
                        List.of("rejected@1", "rejected@2", "rejected@3", "rejected@8", "13/13=80", "18/18=80"),
                        List.of("RAISED@3", "CLEARED@18")),
                arguments("a late reading received after the quiet period clears at its receive time",
                        List.of("rejected@1", "rejected@2", "rejected@3", "@14", "4/14=80"),
                        List.of("RAISED@3", "CLEARED@14")),
                arguments("a late reading without a receive time stamped inside the quiet period does not clear",
                        List.of("rejected@1", "rejected@2", "rejected@3", "@14", "4=80"), List.of("RAISED@3")),
                arguments("after a clear it takes 3 new refusals to raise again",
                        List.of("rejected@1", "rejected@2", "rejected@3", "13/13=80", "rejected@14", "rejected@15",
                                "rejected@16"), List.of("RAISED@3", "CLEARED@13", "RAISED@16")),
                arguments("another device's refusals are ignored",
                        List.of("rejected:dev-999@1", "rejected:dev-999@2", "rejected:dev-999@3"), List.of()));
    }

    static Stream<Arguments> rejectionScenariosPerClockSource() {
        // Each row keeps the clock in step with its steps, so it means the same under both sources.
        return rejectionScenarios().flatMap(row -> Stream.of(ClockSource.values())
                .map(source -> arguments(row.get()[0], source, inStep(source, (List<?>) row.get()[1]),
                        row.get()[2])));
    }

    /** Under EXTERNAL each step's time is first made the clock's, as the gateway's lane does. */
    private static List<String> inStep(final ClockSource source, final List<?> steps) {
        if (source == ClockSource.EVENTS) {
            return steps.stream().map(String::valueOf).toList();
        }
        return steps.stream().map(String::valueOf).flatMap(s -> {
            final String at = s.contains("@") ? s.substring(s.indexOf('@') + 1)
                    : s.contains("/") ? s.substring(s.indexOf('/') + 1, s.indexOf('=')) : null;
            return at == null || s.startsWith("@") ? Stream.of(s) : Stream.of("@" + at, s);
        }).toList();
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("rejectionScenariosPerClockSource")
    void payloadRejected_scenario_emitsExpectedTransitions(final String scenario, final ClockSource clockSource,
                                                           final List<String> steps, final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", clockSource).registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", steps, "DV-04");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @ParameterizedTest
    @EnumSource(ClockSource.class)
    void payloadRejected_unknownDevice_isIgnoredAndLeavesTheClock(final ClockSource clockSource) {
        // given: the session has neither registered nor heard from the device
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", clockSource);

        // when
        device.run("battery_pct", List.of("rejected@1", "rejected@2", "rejected@3"), "DV-04");

        // then
        assertThat(device.anomalies()).isEmpty();
        assertThat(device.session().now()).isEqualTo(Scenario.BASE);
    }

    @Test
    void payloadRejected_raisedAndCleared_reportsRuleAndEvidence() {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(ONE_MINUTE);

        // when
        device.run("battery_pct", List.of("rejected@1", "rejected@2", "rejected@3", "15/15=80"), "DV-04");

        // then
        assertThat(device.anomalies()).filteredOn(a -> a.category().equals("DV-04"))
                .extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                        tuple("DV-04 schema violations raise",
                                "3 payloads refused within 10 min; last: " + Scenario.REJECTION),
                        tuple("DV-04 schema violations clear",
                                "valid reading 12 min after the last refused payload (" + Scenario.REJECTION + ")"));
    }
}
