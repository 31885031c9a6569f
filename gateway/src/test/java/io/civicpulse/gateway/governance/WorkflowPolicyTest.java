// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The escalation and automation sections of governance.yaml: defaults, values, and refused mistakes. */
class WorkflowPolicyTest {
    @Test
    void load_shippedPolicy_hasLadderAndAutomation() throws Exception {
        final GovernancePolicy p = GovernancePolicy.loadDefaults();
        assertThat(p.escalation().graceFor(Severity.MAJOR).toNaturalDuration()).isEqualTo(Duration.ofHours(2));
        assertThat(p.automation("SL-05")).get().extracting(Automation::action, Automation::fallbackLead)
                .containsExactly(Automation.Action.RESEND_SCHEDULE, "district-lighting");
        assertThat(p.automation("WB-01")).get().extracting(Automation::action)
                .isEqualTo(Automation.Action.WORK_ORDER);
    }

    @Test
    void load_withoutSections_usesDefaults() throws Exception {
        final GovernancePolicy p = TestPolicies.valid();
        assertThat(p.escalation()).isEqualTo(EscalationPolicy.DEFAULTS);
        assertThat(p.automation("WB-01")).isEmpty();
    }

    @Test
    void load_badSections_namesEveryKey() {
        final String yaml = text("valid.yaml") + "escalation:\n  remindPercent: 90\n  yellowPercent: 80\n"
                + "  grace: { MAJOR: soon }\n  maxLoops: 0\nautomation:\n  SL-01: { action: RESEND_SCHEDULE, "
                + "fallbackLead: nobody, disposeWithin: 1h }\n  WB-01: { action: PRAY, fallbackLead: street-office, "
                + "disposeWithin: 1h }\n";
        assertThatThrownBy(() -> GovernancePolicy.load(new ByteArrayInputStream(yaml.getBytes(
                StandardCharsets.UTF_8)), "bad.yaml")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("escalation.yellowPercent").hasMessageContaining("escalation.grace.MAJOR")
                .hasMessageContaining("escalation.maxLoops").hasMessageContaining("automation.SL-01")
                .hasMessageContaining("automation.WB-01.action");
    }

    private static String text(final String name) {
        try (var in = WorkflowPolicyTest.class.getClassLoader().getResourceAsStream("governance/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (final java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
