// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.DeviceHealthLimits;
import io.civicpulse.rules.engine.DeviceHealthParameters;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * DV-03 (clock drift) with the default limits: a stamp more than 2 min off its receive time in 3 readings in a row
 * raises; within 30 s in 3 readings in a row clears. Steps {@code "stamp/received=value"} in minutes.
 */
class ClockDriftRulesTest {
    private static final long ONE_MINUTE = 60_000L;

    static Stream<Arguments> driftScenarios() {
        return Stream.of(
                arguments("clock 5 min behind in 3 readings raises at the third's receive time",
                        List.of("0/5=80", "1/6=80", "2/7=80"), List.of("RAISED@7")),
                arguments("clock 5 min ahead raises too",
                        List.of("5/0=80", "6/1=80", "7/2=80"), List.of("RAISED@2")),
                arguments("two drifted readings do not raise",
                        List.of("0/5=80", "1/6=80", "7/7=80"), List.of()),
                arguments("a drift of exactly the limit does not count",
                        List.of("0/2=80", "1/3=80", "2/4=80"), List.of()),
                arguments("a reading between the clear and raise limits breaks the run",
                        List.of("0/5=80", "1/6=80", "6/7=80", "3/8=80", "4/9=80"), List.of()),
                arguments("drifted while raised raises once",
                        List.of("0/5=80", "1/6=80", "2/7=80", "3/8=80", "4/9=80"), List.of("RAISED@7")),
                arguments("3 readings within 30 s clear at the third's receive time",
                        List.of("0/5=80", "1/6=80", "2/7=80", "8/8=80", "9/9.25=80", "10/10=80"),
                        List.of("RAISED@7", "CLEARED@10")),
                arguments("hysteresis: a reading between the limits keeps it raised and restarts the clear run",
                        List.of("0/5=80", "1/6=80", "2/7=80", "8/8=80", "9/9=80", "9.5/10.25=80", "11/11=80",
                                "12/12=80"), List.of("RAISED@7")),
                arguments("hysteresis: after the restart 3 readings within 30 s clear",
                        List.of("0/5=80", "1/6=80", "2/7=80", "8/8=80", "9.5/10.25=80", "11/11=80", "12/12=80",
                                "13/13=80"), List.of("RAISED@7", "CLEARED@13")),
                arguments("raises again after a clear",
                        List.of("0/5=80", "1/6=80", "2/7=80", "8/8=80", "9/9=80", "10/10=80", "11/16=80",
                                "12/17=80", "13/18=80"), List.of("RAISED@7", "CLEARED@10", "RAISED@18")),
                arguments("a late reading stamped before the previous one is not judged",
                        List.of("0/5=80", "1/6=80", "0.5/6.5=80", "2/7=80"), List.of("RAISED@7")),
                arguments("a backlog uploaded after an outage is not clock drift",
                        List.of("0/0=80", "1/1=80", "2/30=80", "3/30.01=80", "4/30.02=80", "5/30.03=80",
                                "6/30.04=80", "30.5/30.5=80"), List.of()),
                arguments("readings without a receive time are not judged",
                        List.of("0/5=80", "1/6=80", "2=80", "3/8=80"), List.of("RAISED@8")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("driftScenarios")
    void process_driftScenario_emitsExpectedTransitions(final String scenario, final List<String> steps,
                                                        final List<String> expected) {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin").registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", steps, "DV-03");

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void process_driftUnderExternalClock_isJudgedOnTheReadingsOwnTimes() {
        // given: the gateway's clock drives the session; the device's stamps lag it by 5 min
        final Scenario device = Scenario.open(RuleParameters.defaults(), "bin", ClockSource.EXTERNAL)
                .registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct",
                List.of("@5", "0/5=80", "@6", "1/6=80", "@7", "2/7=80", "@8", "8/8=80", "@9", "9/9=80", "@10",
                        "10/10=80"), "DV-03");

        // then
        assertThat(transitions).isEqualTo(Scenario.expected(List.of("RAISED@7", "CLEARED@10")));
    }

    @Test
    void process_deviceWithOverride_usesItsOwnLimit() {
        // given: this device may lag up to 10 min (a logger that stamps on its own slow clock)
        final DeviceHealthLimits d = DeviceHealthLimits.defaults();
        final DeviceHealthLimits lenient = new DeviceHealthLimits(10 * ONE_MINUTE, 3, d.clockDriftClearMillis(),
                3, d.rejections(), d.rejectionWindowMillis(), d.rejectionClearMillis(), d.flapDisconnects(),
                d.flapWindowMillis(), d.flapQuietMillis());
        final RuleParameters parameters = RuleParameters.defaults().withDeviceHealth(
                new DeviceHealthParameters(d, Map.of(Scenario.DEVICE, lenient)));
        final Scenario device = Scenario.open(parameters, "bin").registered(ONE_MINUTE);

        // when
        final List<String> transitions = device.run("battery_pct", List.of("0/5=80", "1/6=80", "2/7=80"), "DV-03");

        // then
        assertThat(transitions).isEmpty();
    }

    @Test
    void process_driftRaisedAndCleared_reportsRuleAndEvidence() {
        // given
        final Scenario device = Scenario.open(RuleParameters.defaults(), "gate").registered(ONE_MINUTE);

        // when
        device.run("battery_pct", List.of("0/5=80", "1/6=80", "2/7=80", "8/8=80", "9/9=80", "10.1/10=80"), "DV-03");

        // then
        assertThat(device.anomalies()).filteredOn(a -> a.category().equals("DV-03"))
                .extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                        tuple("DV-03 clock drift raise",
                                "device clock 5 min behind the gateway in 3 readings in a row (limit 2 min)"),
                        tuple("DV-03 clock drift clear", "device clock within 30 s of the gateway in 3 readings"
                                + " in a row (last 6 s ahead of it)"));
    }
}
