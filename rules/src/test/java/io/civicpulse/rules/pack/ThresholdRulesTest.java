// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.pack;

import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.ThresholdConditions;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.ThresholdCondition;
import io.civicpulse.rules.testsupport.Scenario;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Scenario table per default threshold rule (threshold.drl): readings in, transitions out, on a pseudo clock. */
class ThresholdRulesTest {

    static Stream<Arguments> scenarios() {
        return Stream.of(
                // SL-03: pole_tilt_deg >= 10 for 1 min, clears below 5
                arguments("SL-03 tilted 1 min raises", "streetlight", "pole_tilt_deg", "SL-03",
                        List.of("0=12", "0.5=12", "1=12"), List.of("RAISED@1")),
                arguments("SL-03 tilt between 5 and 10 keeps it raised", "streetlight", "pole_tilt_deg", "SL-03",
                        List.of("0=12", "@1", "2=7", "3=4"), List.of("RAISED@1", "CLEARED@3")),
                arguments("SL-03 tilt gust shorter than 1 min does not raise", "streetlight", "pole_tilt_deg",
                        "SL-03", List.of("0=12", "0.5=3", "0.9=12", "1.5=3"), List.of()),
                // SL-04: leakage_ma >= 30 at once, clears below 10
                arguments("SL-04 leakage raises at once", "streetlight", "leakage_ma", "SL-04",
                        List.of("0=2", "1=35"), List.of("RAISED@1")),
                arguments("SL-04 hysteresis", "streetlight", "leakage_ma", "SL-04",
                        List.of("1=35", "2=20", "3=31", "4=9"), List.of("RAISED@1", "CLEARED@4")),
                // SL-05: lamp_current_a >= 0.05 for 15 min while scheduled OFF (daytime)
                arguments("SL-05 lamp burning in daytime for 15 min raises", "streetlight", "lamp_current_a",
                        "SL-05", List.of("28T10:00=0.4", "28T10:15=0.4"), List.of("RAISED@28T10:15")),
                arguments("SL-05 burning at night is normal", "streetlight", "lamp_current_a", "SL-05",
                        List.of("0=0.4", "30=0.4", "@60"), List.of()),
                arguments("SL-05 switched off in daytime clears", "streetlight", "lamp_current_a", "SL-05",
                        List.of("28T10:00=0.4", "@28T10:15", "28T10:20=0.0"),
                        List.of("RAISED@28T10:15", "CLEARED@28T10:20")),
                arguments("SL-05 pending at dusk is dropped (window ended)", "streetlight", "lamp_current_a",
                        "SL-05", List.of("28T17:50=0.4", "28T18:10=0.4"), List.of()),
                // SL-06: controller_fault == 1 for 5 min
                arguments("SL-06 controller fault 5 min raises", "streetlight", "controller_fault", "SL-06",
                        List.of("0=1", "@5", "6=0"), List.of("RAISED@5", "CLEARED@6")),
                // WB-02: tilt_deg >= 45 for 2 min, clears below 20
                arguments("WB-02 bin tipped raises after 2 min", "bin", "tilt_deg", "WB-02",
                        List.of("0=80", "@2", "3=30", "4=10"), List.of("RAISED@2", "CLEARED@4")),
                arguments("WB-02 bumped bin that rights itself does not raise", "bin", "tilt_deg", "WB-02",
                        List.of("0=80", "1=0", "@10"), List.of()),
                // WB-04: dumping == 1 at once
                arguments("WB-04 dumping raises at once and clears", "bin", "dumping", "WB-04",
                        List.of("0=0", "1=1", "2=1", "3=0"), List.of("RAISED@1", "CLEARED@3")),
                // GT-02: jammed == 1 for 1 min
                arguments("GT-02 jammed 1 min raises", "gate", "jammed", "GT-02",
                        List.of("0=1", "1=1", "2=0"), List.of("RAISED@1", "CLEARED@2")),
                arguments("GT-02 brief jam does not raise", "gate", "jammed", "GT-02",
                        List.of("0=1", "0.5=0", "@5"), List.of()),
                // GT-03: tamper == 1 at once
                arguments("GT-03 tamper raises at once", "gate", "tamper", "GT-03",
                        List.of("0=0", "2=1", "3=0"), List.of("RAISED@2", "CLEARED@3")),
                // GT-04: mains_ok <= 0 for 2 min, clears above 0.5
                arguments("GT-04 power lost 2 min raises", "gate", "mains_ok", "GT-04",
                        List.of("0=1", "1=0", "@3", "4=1"), List.of("RAISED@3", "CLEARED@4")),
                arguments("GT-04 metric of another type is ignored", "bin", "mains_ok", "GT-04",
                        List.of("1=0", "@30"), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void process_thresholdScenario_emitsExpectedTransitions(final String scenario, final String type,
                                                            final String metric, final String category,
                                                            final List<String> steps, final List<String> expected) {
        // given
        final Scenario s = Scenario.open(RuleParameters.defaults(), type);

        // when
        final List<String> transitions = s.run(metric, steps, category);

        // then
        assertThat(transitions).as(scenario).isEqualTo(Scenario.expected(expected));
    }

    @Test
    void process_leakage_recordsConditionIdVersionAndEvidence() {
        // given
        final Scenario s = Scenario.open(RuleParameters.defaults(), "streetlight");

        // when
        s.run("leakage_ma", List.of("1=42", "2=4"), "SL-04");

        // then
        assertThat(s.anomalies()).extracting(Anomaly::ruleId, Anomaly::detail).containsExactly(
                tuple("SL-04 leakage@1", "leakage_ma 42.0 >= 30.0"),
                tuple("SL-04 leakage@1", "leakage_ma 4.0 < 10.0"));
    }

    @Test
    void replaceConditions_perDeviceOverride_winsOverTypeWide() {
        // given: this device leaks more by design; its own threshold is 100 mA
        final ThresholdCondition typeWide = ThresholdConditions.defaults().stream()
                .filter(c -> c.category().equals("SL-04")).findFirst().orElseThrow();
        final ThresholdCondition own = new ThresholdCondition("SL-04 leakage dev-001", 2, "SL-04", "streetlight",
                null, "leakage_ma", ThresholdCondition.Direction.ABOVE, 100, 50, 0,
                ThresholdCondition.LampWindow.ANY).forDevice(Scenario.DEVICE);
        final Scenario s = Scenario.open(RuleParameters.defaults(), "streetlight");
        s.session().replaceConditions(List.of(typeWide, own));

        // when
        final List<String> transitions = s.run("leakage_ma", List.of("1=42", "2=120", "3=40"), "SL-04");

        // then
        assertThat(transitions).isEqualTo(Scenario.expected(List.of("RAISED@2", "CLEARED@3")));
        assertThat(s.anomalies().get(0).ruleId()).isEqualTo("SL-04 leakage dev-001@2");
    }

    @Test
    void validate_conditionForDrlCategory_isRejectedWithItsId() {
        final ThresholdCondition bad = new ThresholdCondition("my bin", 1, "WB-01", "bin", null, "fill_pct",
                ThresholdCondition.Direction.ABOVE, 90, 80, 0, ThresholdCondition.LampWindow.ANY);

        assertThatThrownBy(() -> ThresholdConditions.validate(List.of(bad)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("my bin").hasMessageContaining(
                        "WB-01");
    }

    @Test
    void constructor_overlappingHysteresis_isRejected() {
        assertThatThrownBy(() -> new ThresholdCondition("x", 1, "SL-04", "streetlight", null, "leakage_ma",
                ThresholdCondition.Direction.ABOVE, 30, 40, 0, ThresholdCondition.LampWindow.ANY))
                .hasMessageContaining("clearAt (40.0) must be <= raiseAt (30.0)");
    }
}
