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

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * DV-01 (silent for 3 expected intervals; the device reports every minute here; or at once when its connection is
 * lost) and DV-02 (battery at or below 15 %, clears at 25 %) with the default parameters.
 */
class DeviceRulesTest {
    private static final long ONE_MINUTE = 60_000L;

    static Stream<Arguments> silentScenarios() {
        return Stream.of(
                arguments("registered device that never reports is silent 3 intervals after registration",
                        List.of("@2.99", "@3"), List.of("RAISED@3")),
                arguments("reporting device is silent 3 intervals after its last reading",
                        List.of("0=80", "1=80", "@3.99", "@4"), List.of("RAISED@4")),
                arguments("regular readings keep the device quiet",
                        List.of("1=80", "2=80", "3=80", "4=80", "5=80", "@7.99"), List.of()),
                arguments("next reading clears",
                        List.of("0=80", "@4", "10=80"), List.of("RAISED@3", "CLEARED@10")),
                arguments("gap noticed only by the next reading is raised and cleared",
                        List.of("0=80", "10=80"), List.of("RAISED@3", "CLEARED@10")),
                arguments("late reading that leaves the device silent at the clock does not clear",
                        List.of("@10", "5=80"), List.of("RAISED@3")),
                arguments("silence while raised does not raise again",
                        List.of("@3", "@10", "@100"), List.of("RAISED@3")),
                arguments("raises again after the next silence",
                        List.of("@3", "5=80", "@8"), List.of("RAISED@3", "CLEARED@5", "RAISED@8")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("silentScenarios")
    void advanceTo_silentScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                           final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin").registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", steps, "DV-01");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void advanceTo_unregisteredDeviceSilent_raisesNothing() {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        final List<String> transitions = device.run("battery_pct", List.of("0=80", "@600"), "DV-01");

        // then
        assertThat(transitions).isEmpty();
    }

    @Test
    void advanceTo_registeredDeviceSilent_reportsRuleAndEvidence() {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(ONE_MINUTE);

        // when
        device.run("battery_pct", List.of("@5", "7=80"), "DV-01");

        // then
        assertThat(device.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("DV-01 device silent raise", "no reading for 3 min (3 expected intervals)"),
                tuple("DV-01 device silent clear", "reading received after 7 min of silence"));
    }

    /**
     * Rows whose steps keep the clock in step with the readings, so they mean the same under both clock sources;
     * each is run under both.
     */
    static Stream<Arguments> offlineScenarios() {
        return Stream.of(
                arguments("connection lost raises at once",
                        List.of("@1", "1=80", "@1.5", "offline@1.5"), List.of("RAISED@1.5")),
                arguments("a registered device that never reported is raised at once too",
                        List.of("@1", "offline@1"), List.of("RAISED@1")),
                arguments("connection lost twice raises once",
                        List.of("@1", "1=80", "@1.5", "offline@1.5", "@2", "offline@2", "@10"),
                        List.of("RAISED@1.5")),
                arguments("a reading after the reconnect clears",
                        List.of("@1", "1=80", "@1.5", "offline@1.5", "@2", "2=80"),
                        List.of("RAISED@1.5", "CLEARED@2")),
                arguments("a late reading stamped before the offline instant does not clear",
                        List.of("@1", "1=80", "@2", "offline@2", "@2.5", "1.5=80", "@10"), List.of("RAISED@2")),
                arguments("a reading stamped at the offline instant does not clear",
                        List.of("@1", "1=80", "@2", "offline@2", "2=80"), List.of("RAISED@2")),
                arguments("a reading after the offline instant that leaves the device silent at the clock does not "
                        + "clear", List.of("@1", "1=80", "@1.5", "offline@1.5", "@10", "2=80"), List.of("RAISED@1.5")),
                arguments("connection lost before the last reading is dated at that reading",
                        List.of("@2", "2=80", "offline@1"), List.of("RAISED@2")),
                arguments("back online and silent later raises again as usual",
                        List.of("@1", "1=80", "@1.5", "offline@1.5", "@2", "2=80", "@4.99", "@5"),
                        List.of("RAISED@1.5", "CLEARED@2", "RAISED@5")),
                arguments("connection lost while silent emits nothing; only a reading after the loss clears",
                        List.of("@5", "offline@5", "@5.5", "4.5=80", "@6", "6=80"), List.of("RAISED@3", "CLEARED@6")),
                arguments("another device's connection lost is ignored",
                        List.of("@1", "1=80", "offline:dev-999@1.5", "@2", "2=80", "@4.99"), List.of()));
    }

    static Stream<Arguments> offlineScenariosPerClockSource() {
        final Stream<Arguments> both = offlineScenarios().flatMap(row -> Stream.of(ClockSource.values())
                .map(source -> arguments(row.get()[0], source, row.get()[1], row.get()[2])));
        return Stream.concat(both, Stream.of(
                arguments("the report moves the clock like a reading", ClockSource.EVENTS,
                        List.of("0=80", "offline@1", "2=80"), List.of("RAISED@1", "CLEARED@2")),
                arguments("a report past the silence raises the silence first", ClockSource.EVENTS,
                        List.of("0=80", "offline@5", "4.5=80", "6=80"), List.of("RAISED@3", "CLEARED@6")),
                arguments("a report ahead of the clock is dated at the clock", ClockSource.EXTERNAL,
                        List.of("@1", "1=80", "offline@2", "@3", "3=80"), List.of("RAISED@1", "CLEARED@3")),
                arguments("a reading ahead of the clock clears at the clock", ClockSource.EXTERNAL,
                        List.of("@1", "1=80", "@1.5", "offline@1.5", "@2", "5=80"),
                        List.of("RAISED@1.5", "CLEARED@2"))));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("offlineScenariosPerClockSource")
    void deviceOffline_scenario_emitsExpectedTransitions(final String scenario, final ClockSource clockSource,
                                                         final List<String> steps, final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", clockSource).registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", steps, "DV-01");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
        assertThat(device.anomalies()).as(scenario)
                .allSatisfy(a -> assertThat(a.deviceId()).isEqualTo(Scenario.DEVICE));
    }

    @ParameterizedTest
    @EnumSource(ClockSource.class)
    void deviceOffline_unknownDevice_isIgnored(final ClockSource clockSource) {
        // given: the session has neither registered nor heard from the device
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", clockSource);

        // when
        device.run("battery_pct", List.of("@1", "offline@1", "@100"), "DV-01");

        // then
        assertThat(device.anomalies()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ClockSource.class)
    void deviceOffline_unregisteredDeviceHeardFrom_raisesAndClearsButNeverFallsSilent(final ClockSource clockSource) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", clockSource);

        // when
        final List<String> transitions = device.run("battery_pct",
                List.of("@1", "1=80", "@1.5", "offline@1.5", "@2", "2=80", "@100"), "DV-01");

        // then
        assertThat(transitions).isEqualTo(Scenario.expected(List.of("RAISED@1.5", "CLEARED@2")));
    }

    @Test
    void deviceOffline_thenReading_reportsRuleAndEvidence() {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(ONE_MINUTE);

        // when
        device.run("battery_pct", List.of("@1", "1=80", "@1.5", "offline@1.5", "2=80"), "DV-01");

        // then
        assertThat(device.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("DV-01 device offline raise", "connection lost without DISCONNECT (last will)"),
                tuple("DV-01 device offline clear", "reading received after 30 s offline"));
    }

    static Stream<Arguments> batteryLowScenarios() {
        return Stream.of(
                arguments("at the low threshold raises at once",
                        List.of("0=15"), List.of("RAISED@0")),
                arguments("just above the low threshold does not raise",
                        List.of("0=15.1"), List.of()),
                arguments("low while raised does not raise again",
                        List.of("0=10", "1=9", "2=5"), List.of("RAISED@0")),
                arguments("between low and clear thresholds keeps the raised state",
                        List.of("0=10", "1=20", "2=24.9", "3=25"), List.of("RAISED@0", "CLEARED@3")),
                arguments("raises again after a clear",
                        List.of("0=10", "1=90", "2=12"), List.of("RAISED@0", "CLEARED@1", "RAISED@2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("batteryLowScenarios")
    void process_batteryLowScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                             final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin");

        // when
        final List<String> transitions = device.run("battery_pct", steps, "DV-02");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void process_manyReadingsWithoutTheMetrics_raisesNothing() {
        // given: enough readings for Drools to JIT-compile the constraints, where NaN comparisons turn true
        final Scenario lamp = Scenario.open(RuleParameters.defaults(), "streetlight");
        final List<String> steps = new ArrayList<>();
        for (int minute = 0; minute < 100; minute++) {
            steps.add(minute + "=230");
        }

        // when
        lamp.run("voltage_v", steps, "none");

        // then
        assertThat(lamp.anomalies()).isEmpty();
    }
}
