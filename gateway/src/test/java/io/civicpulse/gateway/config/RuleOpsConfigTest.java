// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.rules.engine.ThresholdConditions;
import io.civicpulse.rules.model.ThresholdCondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Binding of rules.conditions, solar, flapping, roll-up, alerts.* and journal.*: every refusal names the key. */
class RuleOpsConfigTest {
    @TempDir
    Path dir;

    @Test
    void load_sampleConfig_hasDefaultConditionsAndTheOperatorFolder() throws Exception {
        final Path sample = ConfigFolder.copySample(dir);

        final RuleOpsConfig ops = GatewayConfigLoader.load(List.of(sample), Map.of(), Map.of()).ruleOps();

        assertThat(ops.conditions()).isEqualTo(ThresholdConditions.defaults());
        assertThat(ops.operatorRulesDir()).isEqualTo(sample.getParent().resolve("rules"));
        assertThat(ops.webhooks()).isEmpty();
        assertThat(ops.flappingTransitions()).isEqualTo(4);
        assertThat(ops.journal()).isEqualTo(new RuleOpsConfig.Journal(Duration.ofDays(30), Duration.ofHours(1),
                10_000));
    }

    @Test
    void load_journal_isBoundAndOutOfRangeValuesAreRefusedNamingTheKey() throws Exception {
        final RuleOpsConfig ops = ConfigFolder.load(dir, "journal: {retention: 7d, pruneInterval: 10m, "
                + "queueCapacity: 500}\n").ruleOps();

        assertThat(ops.journal()).isEqualTo(new RuleOpsConfig.Journal(Duration.ofDays(7), Duration.ofMinutes(10),
                500));
        assertThat(failureOf("journal: {retention: 10m}\n")).contains("journal.retention").contains("10m")
                .contains("at least 1h");
        assertThat(failureOf("journal: {queueCapacity: 0}\n")).contains("journal.queueCapacity");
    }

    @Test
    void load_conditionsAndAlerts_areBound() throws Exception {
        final RuleOpsConfig ops = ConfigFolder.load(dir, """
                rules:
                  streetlight: {solar: true, duskOffsetMinutes: -15}
                  flapping: {maxRaises: 2, window: 30m}
                  conditions:
                    - {category: SL-04, raiseAt: 25, clearAt: 8}
                    - {category: SL-04, device: sl-017, raiseAt: 60, clearAt: 30, version: 2}
                alerts:
                  groupWindow: 30s
                  reminderInterval: 15m
                  webhooks:
                    - {body: district-lighting, url: "https://hooks.example/cp", secret: "0123456789abcdef"}
                """).ruleOps();

        assertThat(ops.solar()).isTrue();
        assertThat(ops.duskOffset()).isEqualTo(Duration.ofMinutes(-15));
        assertThat(ops.flappingWindow()).isEqualTo(Duration.ofMinutes(30));
        assertThat(ops.conditions()).filteredOn(c -> c.category().equals("SL-04"))
                .extracting(ThresholdCondition::deviceId, ThresholdCondition::raiseAt, ThresholdCondition::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, 25.0, 1),
                        org.assertj.core.groups.Tuple.tuple("sl-017", 60.0, 2));
        assertThat(ops.webhooks()).singleElement().extracting(RuleOpsConfig.Webhook::bodyId)
                .isEqualTo("district-lighting");
        assertThat(ops.groupWindow()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void load_badEntries_areRefusedNamingTheKey() {
        assertThat(failureOf("rules:\n  conditions:\n    - {category: WB-01, raiseAt: 3}\n"))
                .contains("rules.conditions[0].category").contains("WB-01");
        assertThat(failureOf("rules:\n  conditions:\n    - {category: SL-04, raiseAt: 5, clearAt: 9}\n"))
                .contains("rules.conditions[0]").contains("clearAt (9.0) must be <= raiseAt (5.0)");
        assertThat(failureOf("rules:\n  conditions:\n    - {category: SL-04, colour: red}\n"))
                .contains("rules.conditions[0].colour");
        assertThat(failureOf("alerts:\n  webhooks:\n    - {body: b, url: \"ftp://x\", secret: \"0123456789abcdef\"}\n"))
                .contains("alerts.webhooks[0].url").contains("http or https");
        assertThat(failureOf("alerts:\n  webhooks:\n    - {body: b, url: \"http://x\", secret: short}\n"))
                .contains("alerts.webhooks[0].secret").contains("16").doesNotContain("short");
    }

    private String failureOf(final String yaml) {
        final ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFolder.load(dir, yaml));
        assertThat(e).as("configuration must be refused:%n%s", yaml).isNotNull();
        return e.getMessage();
    }
}
