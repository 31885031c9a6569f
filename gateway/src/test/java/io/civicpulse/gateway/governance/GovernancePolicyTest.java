// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GovernancePolicyTest {
    /** Surefire runs in the module folder; the sample lives in the repository's config folder. */
    private static final Path SAMPLE = Path.of("..", "config", "governance.yaml");

    @Test
    void load_sampleConfig_hasEveryRequiredCategoryWithExactlyOneKnownLead() throws Exception {
        // given the sample shipped in config/
        // when
        final GovernancePolicy policy = GovernancePolicy.load(SAMPLE);
        // then
        assertThat(policy.categories()).containsKeys("SL-01", "SL-02", "SL-03", "SL-04", "SL-05", "SL-06",
                "WB-01", "WB-02", "WB-03", "WB-04", "GT-01", "GT-02", "GT-03", "GT-04", "DV-01", "DV-02",
                "DV-03", "DV-04", "DV-05");
        policy.categories().values().forEach(c -> assertThat(policy.body(c.leadBodyId())).isPresent());
        assertThat(policy.platformBody().type()).isEqualTo(BodyType.PLATFORM_OPS);
    }

    @Test
    void load_sampleConfig_hasTheCommunityBodiesOfEveryType() throws Exception {
        // when
        final GovernancePolicy policy = GovernancePolicy.load(SAMPLE);
        // then
        assertThat(policy.bodies().values()).extracting(Body::type).contains(BodyType.values());
    }

    @Test
    void load_sampleConfig_routesDeviceHealthToPlatformOpsInternally() throws Exception {
        // when
        final GovernancePolicy policy = GovernancePolicy.load(SAMPLE);
        // then
        for (final String code : List.of("DV-01", "DV-02", "DV-03", "DV-04", "DV-05")) {
            final Category c = policy.category(code).orElseThrow();
            assertThat(c.leadBodyId()).isEqualTo(policy.platformBody().id());
            assertThat(c.visibility()).isEqualTo(Visibility.INTERNAL);
            assertThat(c.routingClass()).isEqualTo(RoutingClass.ROUTINE_AUTO);
        }
    }

    @Test
    void load_sampleConfig_usesSection23Defaults() throws Exception {
        // when
        final GovernancePolicy policy = GovernancePolicy.load(SAMPLE);
        // then
        final Category sl01 = policy.category("SL-01").orElseThrow();
        assertThat(sl01.acceptWithin()).hasToString("2wh");
        assertThat(sl01.disposeWithin()).hasToString("2wd");
        assertThat(sl01.routingClass()).isEqualTo(RoutingClass.ADMINISTRATIVE);
        final Category sl04 = policy.category("SL-04").orElseThrow();
        assertThat(sl04.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(sl04.assistBodyIds()).isNotEmpty();
        assertThat(policy.category("WB-01").orElseThrow().routingClass()).isEqualTo(RoutingClass.ROUTINE_AUTO);
        assertThat(policy.category("GT-01").orElseThrow().visibility()).isEqualTo(Visibility.PUBLIC_GENERALISED);
    }

    @Test
    void load_sampleConfig_calendarKnowsTheMakeUpSaturdayAndTheHolidays() throws Exception {
        // when
        final WorkingCalendar calendar = GovernancePolicy.load(SAMPLE).calendar();
        // then
        assertThat(calendar.isWorkday(LocalDate.of(2026, 2, 14))).isTrue();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 10, 1))).isFalse();
    }

    @Test
    void loadDefaults_classpathCopy_loads() throws Exception {
        // when
        final GovernancePolicy policy = GovernancePolicy.loadDefaults();
        // then
        assertThat(policy.source()).isEqualTo("classpath:" + GovernancePolicy.DEFAULTS_RESOURCE);
        assertThat(policy.categories()).isNotEmpty();
    }

    @Test
    void reportingChain_contractor_endsAtDistrictGovernment() throws Exception {
        // given
        final GovernancePolicy policy = GovernancePolicy.load(SAMPLE);
        // when
        final List<Body> chain = policy.reportingChain("sanitation-contractor");
        // then
        assertThat(chain).extracting(Body::id).containsExactly("street-office", "district-government");
    }

    @Test
    void load_validFixture_defaultsVerifyWithinUnlessOverridden() throws Exception {
        // given
        final GovernancePolicy policy = TestPolicies.valid();
        // then
        assertThat(policy.category("SL-01").orElseThrow().verifyWithin()).hasToString("1wd");
        assertThat(policy.category("WB-04").orElseThrow().verifyWithin()).hasToString("4h");
        assertThat(policy.category("WB-01").orElseThrow().makeSafeWithin()).isNull();
    }

    @Test
    void load_missingFile_namesTheFile() {
        // given
        final Path missing = Path.of("no-such-governance.yaml");
        // when / then
        assertThatThrownBy(() -> GovernancePolicy.load(missing)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("no-such-governance.yaml");
    }

    @Test
    void load_emptyStream_isRefused() {
        // given
        final InputStream empty = InputStream.nullInputStream();
        // when / then
        assertThatThrownBy(() -> GovernancePolicy.load(empty, "empty.yaml")).isInstanceOf(PolicyException.class)
                .hasMessageContaining("empty.yaml").hasMessageContaining("empty");
    }
}
