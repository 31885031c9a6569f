// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DroolsRuleEngineTest {
    private static final long T0 = 1_795_777_200_000L;

    @TempDir
    Path dir;

    @Test
    void build_defaultPack_listsEveryRuleWithItsPackage() throws RuleCompilationException {
        // given / when
        final RuleEngine engine = RuleEngine.build(List.of());

        // then
        assertThat(engine.ruleIds()).hasSize(41).contains("io.civicpulse.rules.TH threshold raise",
                "io.civicpulse.rules.SL-01 lamp dark raise", "io.civicpulse.rules.WB-01 bin full raise",
                "io.civicpulse.rules.WB-03 bin fire hot raise", "io.civicpulse.rules.GT-01 gate held open raise",
                "io.civicpulse.rules.DV-01 device silent raise", "io.civicpulse.rules.DV-01 device offline raise",
                "io.civicpulse.rules.DV-02 battery low raise", "io.civicpulse.rules.DV-03 clock drift raise",
                "io.civicpulse.rules.DV-04 schema violations raise",
                "io.civicpulse.rules.DV-05 connection flapping raise");
    }

    @Test
    void build_extraFileWithSyntaxError_throwsNamingFileAndLine() throws IOException {
        // given: the rule's "when" is misspelt on line 4
        final Path bad = write("bad.drl", "package io.civicpulse.ops;\n\nrule \"broken\"\nwhne\n    x\nthen\nend\n");

        // when / then
        assertThatThrownBy(() -> RuleEngine.build(List.of(bad)))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .isNotEmpty().allSatisfy(p -> assertThat(p).startsWith(bad + ":"))
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ":4: ")))
                .hasMessageContaining(bad.toString());
    }

    @Test
    void build_extraFileWithUnknownType_throwsNamingFileAndLine() throws IOException {
        // given: line 5 uses a type that does not exist
        final Path bad = write("unknown.drl", "package io.civicpulse.ops;\n\nrule \"unknown type\"\nwhen\n"
                + "    NoSuchFact( level > 3 )\nthen\nend\n");

        // when / then
        assertThatThrownBy(() -> RuleEngine.build(List.of(bad)))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ":5: ").contains("NoSuchFact")));
    }

    @Test
    void build_missingExtraFile_throwsNamingFile() {
        // given
        final Path missing = dir.resolve("missing.drl");

        // when / then
        assertThatThrownBy(() -> RuleEngine.build(List.of(missing)))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .singleElement().asString().startsWith(missing + ":0: cannot read rule file"));
    }

    @Test
    void build_validExtraFile_addsItsRulesToSessions() throws Exception {
        // given: an operator rule beside the default pack, emitting through the same global
        final Path extra = write("power.drl", String.join("\n",
                "package io.civicpulse.ops;",
                "import io.civicpulse.rules.model.ActiveAnomaly;",
                "import io.civicpulse.rules.model.Reading;",
                "global io.civicpulse.rules.engine.AnomalyListener anomalies;",
                "rule \"XX-01 power high\"",
                "when",
                "    $r : Reading( has(\"power_w\"), value(\"power_w\") > 500.0 )",
                "then",
                "    anomalies.onAnomaly( ActiveAnomaly.of( $r, \"XX-01\" )",
                "            .raised( drools.getRule().getName(), \"hot\" ) );",
                "end", ""));
        final RuleEngine engine = RuleEngine.build(List.of(extra));
        final List<Anomaly> anomalies = new ArrayList<>();

        // when
        try (RuleSession session = engine.openSession(RuleParameters.defaults(), anomalies::add, T0)) {
            session.process(List.of(new Reading("c1", "streetlight", "sl-1", T0, 1, Map.of("power_w", 900.0))));
        }

        // then
        assertThat(engine.ruleIds()).contains("io.civicpulse.ops.XX-01 power high");
        assertThat(anomalies).extracting(Anomaly::ruleId).containsExactly("XX-01 power high");
    }

    private Path write(final String name, final String drl) throws IOException {
        return Files.writeString(dir.resolve(name), drl);
    }
}
