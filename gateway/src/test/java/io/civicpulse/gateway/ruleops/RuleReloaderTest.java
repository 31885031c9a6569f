// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.engine.RuleCompilationException;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.ThresholdConditions;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Hot reload of operator rule files (good, bad, unversioned) and shadow mode, on real Drools builds. */
class RuleReloaderTest {
    private static final long T0 = 1_795_777_200_000L;

    @TempDir
    Path dir;
    private final List<Anomaly> live = new ArrayList<>();
    private final ShadowLog shadowLog = new InMemoryShadowLog(100, Clock.systemUTC());
    private RuleReloader reloader;
    private ReloadableRuleSession session;

    @AfterEach
    void tearDown() throws IOException {
        if (session != null) {
            session.close();
        }
        if (reloader != null) {
            reloader.close();
        }
    }

    @Test
    void reload_goodFile_swapsRulesAndRecordsNewVersion() throws Exception {
        // given
        write("power.drl", powerRule("XX-01 power high", 1, 500));
        start();
        process(900);

        // when: the operator raises the threshold and bumps the version
        write("power.drl", powerRule("XX-01 power high", 2, 1000));
        assertThat(reloader.reload()).isTrue();
        process(900);
        process(1500);

        // then
        assertThat(live).extracting(Anomaly::ruleId).containsExactly("XX-01 power high@1", "XX-01 power high@2");
        assertThat(session.generation()).isEqualTo(2);
    }

    @Test
    void reload_badFile_isRejectedWithFileLineAndRunningRulesStay() throws Exception {
        // given
        write("power.drl", powerRule("XX-01 power high", 1, 500));
        start();

        // when
        final Path bad = write("broken.drl", "package io.civicpulse.ops;\n\nrule \"oops\" @version(\"1\")\nwhen\n"
                + "    NoSuchFact( )\nthen\nend\n");
        final boolean swapped = reloader.reload();
        process(900);

        // then
        assertThat(swapped).isFalse();
        assertThat(reloader.lastProblems()).anySatisfy(p -> assertThat(p).startsWith(bad + ":5: ")
                .contains("NoSuchFact"));
        assertThat(reloader.current().generation()).isEqualTo(1);
        assertThat(live).extracting(Anomaly::ruleId).containsExactly("XX-01 power high@1");
    }

    @Test
    void reload_ruleWithoutVersion_isRejectedNamingTheRule() throws Exception {
        // given
        start();

        // when
        final Path file = write("plain.drl", powerRule("XX-01 power high", 1, 500).replace("@version(\"1\")", ""));

        // then
        assertThat(reloader.reload()).isFalse();
        assertThat(reloader.lastProblems()).singleElement().asString()
                .startsWith(file + ":5: rule \"XX-01 power high\" has no @version");
    }

    @Test
    void start_badFile_stopsTheStartWithFileLine() throws Exception {
        final Path bad = write("broken.drl",
                "package io.civicpulse.ops;\nrule \"x\" @version(\"1\")\nwhen\n  )(\nend\n");

        assertThatThrownBy(() -> new RuleReloader(List.of(), dir, Clock.systemUTC()))
                .isInstanceOfSatisfying(RuleCompilationException.class, e -> assertThat(e.problems())
                        .anySatisfy(p -> assertThat(p).startsWith(bad + ":")));
    }

    @Test
    void watcher_fileSaved_reloadsWithoutBeingAsked() throws Exception {
        // given
        start();
        reloader.startWatching();

        // when
        write("power.drl", powerRule("XX-01 power high", 7, 500));

        // then
        await().atMost(Duration.ofSeconds(30)).until(() -> reloader.current().generation() > 1);
        process(900);
        assertThat(live).extracting(Anomaly::ruleId).containsExactly("XX-01 power high@7");
    }

    @Test
    void shadowFile_wouldBeIssuesListedNoneOpened() throws Exception {
        // given: a live rule at 500 W and a candidate in shadow at 300 W
        write("power.drl", powerRule("XX-01 power high", 1, 500));
        write("power-strict.shadow.drl", powerRule("XX-02 power strict", 1, 300));
        start();

        // when
        process(400);

        // then
        assertThat(live).isEmpty();
        assertThat(shadowLog.recent(10)).singleElement().satisfies(e -> {
            assertThat(e.anomaly().ruleId()).isEqualTo("XX-02 power strict@1");
            assertThat(e.wouldOpen()).isTrue();
        });
    }

    private void start() throws RuleCompilationException {
        reloader = new RuleReloader(List.of(), dir, Clock.systemUTC());
        session = new ReloadableRuleSession(reloader::current, RuleParameters.defaults(),
                ThresholdConditions.defaults(), live::add, shadowLog, T0);
    }

    private long seq;

    private void process(final double watts) {
        seq++;
        session.advanceTo(T0 + seq * 1000);
        session.process(List.of(new Reading("c1", "streetlight", "sl-" + seq, T0 + seq * 1000, seq,
                Map.of("power_w", watts))));
    }

    private Path write(final String name, final String drl) throws IOException {
        return Files.writeString(dir.resolve(name), drl);
    }

    private static String powerRule(final String name, final int version, final int watts) {
        return String.join("\n",
                "package io.civicpulse.ops;",
                "import io.civicpulse.rules.model.ActiveAnomaly;",
                "import io.civicpulse.rules.model.Reading;",
                "global io.civicpulse.rules.engine.AnomalyListener anomalies;",
                "rule \"" + name + "\" @version(\"" + version + "\")",
                "when",
                "    $r : Reading( has(\"power_w\"), value(\"power_w\") > " + watts + ".0 )",
                "then",
                "    anomalies.onAnomaly( ActiveAnomaly.of( $r, \"SL-04\" ).raised( drools.getRule().getName(), "
                        + "\"power\" ) );",
                "end", "");
    }
}
