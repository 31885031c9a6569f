// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.Visibility;
import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.IssueSummary;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.ruleops.AnomalyGate.FlappingKey;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The fleet flags from issues, readings and the gate's flapping keys. */
class FleetRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant STARTED = NOW.minus(Duration.ofMinutes(5));
    private static final long SILENCE = 30_000L;
    private static final Device BIN = new Device("bin-007", "bin", "lakeside", "x", 10, 30.27, 120.15, "north", "");

    @Test
    void classify_recentReadingNoIssues_isOk() {
        final FleetDevice d = FleetRules.classify(facts(NOW.minusSeconds(5), List.of(), List.of()));

        assertThat(d.status()).isEqualTo("ok");
        assertThat(d.silent() || d.flapping() || d.batteryLow()).isFalse();
        assertThat(d.reasons()).isEmpty();
        assertThat(d.lastSeen()).isEqualTo(NOW.minusSeconds(5));
        assertThat(d.lat()).isEqualTo(30.27);
    }

    @Test
    void classify_openDv01_isSilentEvenWithARecentReading() {
        final FleetDevice d = FleetRules.classify(facts(NOW.minusSeconds(5), List.of(issue("DV-01",
                IssueState.DISPATCHED)), List.of()));

        assertThat(d.silent()).isTrue();
        assertThat(d.status()).isEqualTo("silent");
        assertThat(d.reasons()).containsExactly("DV-01 open: SQ-1 (DISPATCHED)");
        assertThat(d.issues()).extracting(FleetDevice.OpenIssue::category).containsExactly("DV-01");
    }

    @Test
    void classify_noReadingForSilentIntervals_isSilentWithTheFigures() {
        final FleetDevice d = FleetRules.classify(facts(NOW.minusSeconds(31), List.of(), List.of()));

        assertThat(d.silent()).isTrue();
        assertThat(d.reasons()).containsExactly("no reading for 31 s (silent after 30 s)");
    }

    @Test
    void classify_neverHeardFrom_isQuietSinceTheStart() {
        final FleetDevice d = FleetRules.classify(facts(null, List.of(), List.of()));

        assertThat(d.silent()).isTrue();
        assertThat(d.lastSeen()).isNull();
        assertThat(d.reasons()).containsExactly("no reading since the gateway started 5 min ago (silent after 30 s)");
    }

    @Test
    void classify_dv05OrAFlappingKey_isFlapping_andDv02IsBatteryLow() {
        final FleetDevice byIssue = FleetRules.classify(facts(NOW, List.of(issue(FleetRules.CONNECTION_FLAPPING,
                IssueState.NEW)), List.of()));
        final FleetDevice byGate = FleetRules.classify(facts(NOW, List.of(issue("DV-02", IssueState.VERIFYING)),
                List.of(new FlappingKey("lakeside", "bin-007", "DV-02", 6))));

        assertThat(byIssue.flapping()).isTrue();
        assertThat(byIssue.batteryLow()).isFalse();
        assertThat(byIssue.status()).isEqualTo("flapping");
        assertThat(byGate.flapping()).isTrue();
        assertThat(byGate.batteryLow()).isTrue();
        assertThat(byGate.status()).isEqualTo("flapping");
        assertThat(byGate.reasons()).containsExactly("DV-02 open: SQ-1 (VERIFYING)", "DV-02 flapping: raised 6 "
                + "times in the flapping window; the anomaly gate holds its changes until it is quiet");
    }

    @Test
    void classify_onlyDv02_isBatteryLow() {
        final FleetDevice d = FleetRules.classify(facts(NOW, List.of(issue("DV-02", IssueState.NEW)), List.of()));

        assertThat(d.status()).isEqualTo("batteryLow");
        assertThat(d.silent() || d.flapping()).isFalse();
    }

    @Test
    void query_okMeansNoFlag_andSeveralStatusesMatchAny() {
        final FleetDevice ok = FleetRules.classify(facts(NOW, List.of(), List.of()));
        final FleetDevice low = FleetRules.classify(facts(NOW, List.of(issue("DV-02", IssueState.NEW)), List.of()));

        assertThat(new FleetQuery(java.util.Set.of("ok"), null, null).matches(ok)).isTrue();
        assertThat(new FleetQuery(java.util.Set.of("ok"), null, null).matches(low)).isFalse();
        assertThat(new FleetQuery(java.util.Set.of("silent", "batteryLow"), null, null).matches(low)).isTrue();
        assertThat(new FleetQuery(java.util.Set.of(), "south", null).matches(BIN)).isFalse();
    }

    private static FleetRules.Facts facts(final Instant lastSeen, final List<IssueSummary> open,
                                          final List<FlappingKey> flapping) {
        return new FleetRules.Facts(BIN, lastSeen, STARTED, false, open, flapping, NOW, SILENCE);
    }

    private static IssueSummary issue(final String category, final IssueState state) {
        return new IssueSummary("SQ-1", "lakeside", category, Severity.MINOR, RoutingClass.ROUTINE_AUTO, state,
                BIN.id(), "platform-ops", 1, 0, Visibility.INTERNAL, STARTED, STARTED, null, null);
    }
}
