// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * DV-05 (connection flapping) with the default limits: more than 3 drops within 10 min raise; connected for 15 min
 * without a drop clears. And how it meets DV-01: while DV-05 is raised a drop raises no DV-01.
 */
class ConnectionFlappingRulesTest {
    private static final long ONE_MINUTE = 60_000L;
    private static final List<String> FOUR_DROPS = List.of("connected@0", "offline@1", "connected@1.5", "offline@2",
            "connected@2.5", "offline@3", "connected@3.5", "offline@4");

    static Stream<Arguments> flappingScenarios() {
        return Stream.of(
                arguments("4 drops within 10 min raise at the fourth", FOUR_DROPS, List.of("RAISED@4")),
                arguments("3 drops do not raise", FOUR_DROPS.subList(0, 6), List.of()),
                arguments("drops spread over more than 10 min do not raise",
                        List.of("offline@0", "connected@1", "offline@4", "connected@5", "offline@8", "connected@9",
                                "offline@12"), List.of()),
                arguments("connected for 15 min without a drop clears",
                        plus(FOUR_DROPS, "connected@5", "@19.99", "@20"), List.of("RAISED@4", "CLEARED@20")),
                arguments("a drop in the quiet period restarts it",
                        plus(FOUR_DROPS, "connected@5", "offline@10", "connected@11", "@25.99", "@26"),
                        List.of("RAISED@4", "CLEARED@26")),
                arguments("a device that stays disconnected stays raised",
                        plus(FOUR_DROPS, "@100"), List.of("RAISED@4")),
                arguments("a late report of a drop before the current connection does not end it",
                        plus(FOUR_DROPS, "connected@5", "offline@4.5", "@20"), List.of("RAISED@4", "CLEARED@20")),
                arguments("after a clear the count starts afresh",
                        plus(FOUR_DROPS, "connected@5", "@20", "offline@21", "connected@21.5", "offline@22"),
                        List.of("RAISED@4", "CLEARED@20")),
                arguments("another device's drops are ignored",
                        List.of("offline:dev-999@1", "offline:dev-999@2", "offline:dev-999@3", "offline:dev-999@4",
                                "offline:dev-999@5"), List.of()));
    }

    static Stream<Arguments> flappingScenariosPerClockSource() {
        // The rows move the clock with "@" steps where time must pass, so they hold under both sources.
        return flappingScenarios().flatMap(row -> Stream.of(ClockSource.values())
                .map(source -> arguments(row.get()[0], source, row.get()[1], row.get()[2])));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("flappingScenariosPerClockSource")
    void deviceOfflineAndConnected_scenario_emitsExpectedTransitions(final String scenario,
                                                                    final ClockSource clockSource,
                                                                    final List<String> steps,
                                                                    final List<String> expected) {
        // given: a device not expected to report (its silence does not matter here)
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate", clockSource)
                .registered(24 * 60 * ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", withClock(clockSource, steps), "DV-05");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void deviceOffline_whileFlapping_raisesOneDv05InsteadOfMoreDv01() {
        // given: a device that reports every minute, reconnects and sends a reading after each drop
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(ONE_MINUTE);
        final List<String> steps = new ArrayList<>(List.of("0=80", "connected@0"));
        for (int drop = 1; drop <= 5; drop++) {
            steps.addAll(List.of("offline@" + drop, "connected@" + (drop + 0.5), (drop + 0.5) + "=80"));
        }
        for (int minute = 6; minute <= 21; minute++) {
            steps.add(minute + "=80");
        }
        steps.add("offline@21.5");

        // when
        device.run("battery_pct", steps, "none");

        // then: drops 1-3 raise and clear DV-01; the 4th raises DV-05 and no DV-01, nor does the 5th; connected
        // from 5.5, DV-05 clears at 20.5 and the next drop raises DV-01 again
        assertThat(transitions(device, "DV-01")).isEqualTo(Scenario.expected(List.of("RAISED@1", "CLEARED@1.5",
                "RAISED@2", "CLEARED@2.5", "RAISED@3", "CLEARED@3.5", "RAISED@21.5")));
        assertThat(transitions(device, "DV-05")).isEqualTo(Scenario.expected(List.of("RAISED@4", "CLEARED@20.5")));
    }

    @Test
    void advanceTo_flappingDeviceThatStaysSilent_isRaisedByTheSilenceRule() {
        // given: DV-05 raised at the 4th drop, the device's last reading at 3.5
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(ONE_MINUTE);
        final List<String> steps = new ArrayList<>(List.of("0=80"));
        steps.addAll(plus(FOUR_DROPS.subList(0, 7), "3.5=80", "offline@4", "@10"));

        // when
        device.run("battery_pct", steps, "none");

        // then: DV-01 from the silence (3 intervals after 3.5), not from the drop
        assertThat(device.anomalies()).filteredOn(a -> a.category().equals("DV-01") && a.atMillis()
                >= Scenario.time("4")).extracting(Anomaly::ruleId, Anomaly::atMillis)
                .containsExactly(tuple("DV-01 device silent raise", Scenario.time("6.5")));
    }

    @Test
    void deviceConnected_afterFlapping_reportsRuleAndEvidence() {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(24 * 60 * ONE_MINUTE);

        // when
        device.run("battery_pct", plus(FOUR_DROPS, "connected@5", "@20"), "DV-05");

        // then
        assertThat(device.anomalies()).filteredOn(a -> a.category().equals("DV-05"))
                .extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                        tuple("DV-05 connection flapping raise",
                                "4 connection drops without DISCONNECT within 3 min (more than 3 within 10 min)"),
                        tuple("DV-05 connection flapping clear", "connected for 15 min without a drop"));
    }

    private static List<String> transitions(final Scenario device, final String category) {
        return device.anomalies().stream().filter(a -> a.category().equals(category))
                .map(a -> a.status() + "@" + shown(a.atMillis())).toList();
    }

    /** @return the time as {@link Scenario#run} shows it */
    private static String shown(final long atMillis) {
        return Scenario.expected(List.of("X@" + (atMillis - Scenario.BASE) / 60_000.0)).get(0).substring(2);
    }

    /** Under EXTERNAL a report's time is made the clock's first, as the gateway's lane does. */
    private static List<String> withClock(final ClockSource source, final List<String> steps) {
        if (source == ClockSource.EVENTS) {
            return steps;
        }
        return steps.stream().flatMap(s -> s.startsWith("@") ? Stream.of(s)
                : Stream.of("@" + s.substring(s.indexOf('@') + 1), s)).toList();
    }

    private static List<String> plus(final List<String> first, final String... more) {
        final List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
