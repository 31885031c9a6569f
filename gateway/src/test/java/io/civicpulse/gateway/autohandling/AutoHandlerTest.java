// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.autohandling;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.escalation.ControllableClock;
import io.civicpulse.gateway.escalation.GovernanceRuntime;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.TestPolicies;
import io.civicpulse.gateway.issues.IssueDatabase;
import io.civicpulse.gateway.issues.IssueQuery;
import io.civicpulse.gateway.issues.IssueService;
import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.IssueSummary;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SL-05 (lamp burning in daytime) end to end on H2: the schedule is re-sent as a device command and the issue
 * closes when telemetry confirms; an undeliverable command falls back to the human route at once.
 */
class AutoHandlerTest {
    private static final Instant MONDAY_10 = Instant.parse("2026-03-02T02:00:00Z");

    @TempDir
    Path dir;

    private final ControllableClock clock = new ControllableClock(MONDAY_10, 1, () -> 0L);
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private IssueDatabase db;
    private IssueService issues;
    private GovernanceRuntime runtime;

    private void start(final int sessionsReached) throws Exception {
        final GovernancePolicy policy = TestPolicies.load("workflow.yaml");
        Files.writeString(dir.resolve("devices.yaml"), "devices:\n  - id: sl-050\n    type: streetlight\n"
                + "    community: c1\n"
                + "    passwordHash: \"$2a$04$abcdefghijklmnopqrstuu5m6sBhvlQ7wHtRSEhHfCJaKeiXFS1Sq\"\n"
                + "    intervalSeconds: 10\n");
        Files.writeString(dir.resolve("crews.yaml"), "accounts: []\n");
        db = IssueDatabase.open(IssueDatabase.embeddedUrl(dir), "sa", "");
        final JdbcIssueStore store = new JdbcIssueStore(db.dataSource());
        runtime = new GovernanceRuntime(store, db.dataSource(), policy,
                RegistryLoader.load(dir.resolve("devices.yaml"), dir.resolve("crews.yaml")),
                (final Device d, final byte[] payload) -> {
                    sent.add(d.id() + " " + new String(payload, StandardCharsets.UTF_8));
                    return sessionsReached;
                }, e -> { }, clock, clock, new ObjectMapper());
        issues = new IssueService(store, policy, clock, runtime.anomalyListener(), new SimpleMeterRegistry(), 10);
        issues.start();
    }

    @AfterEach
    void stop() {
        issues.close();
        runtime.close();
        db.close();
    }

    @Test
    void daytimeBurning_scheduleResent_closesWhenTelemetryConfirms() throws Exception {
        // given
        start(1);
        // when
        issues.submit(anomaly(AnomalyStatus.RAISED));
        await().until(() -> !sent.isEmpty());
        // then
        assertThat(sent).singleElement().asString().startsWith("sl-050 {\"cmd\":\"resend-schedule\"");
        assertThat(issue().state()).isEqualTo(IssueState.AUTO_HANDLING);
        issues.submit(anomaly(AnomalyStatus.CLEARED));
        await().until(() -> issue().state() == IssueState.VERIFYING);
        clock.advance(Duration.ofMinutes(30));
        runtime.escalation().tick();
        assertThat(issue().state()).isEqualTo(IssueState.CLOSED);
    }

    @Test
    void daytimeBurning_commandUndeliverable_fallsBackToLightingUnitAtOnce() throws Exception {
        start(0);
        issues.submit(anomaly(AnomalyStatus.RAISED));
        await().until(() -> !issues.list(IssueQuery.all()).isEmpty() && issue().state() == IssueState.DISPATCHED);
        assertThat(issue().leadBodyId()).isEqualTo("district-lighting");
        assertThat(issues.find(issue().id()).orElseThrow().timeline()).anySatisfy(e ->
                assertThat(e.internalNote()).contains("could not be delivered"));
    }

    private IssueSummary issue() {
        return issues.list(IssueQuery.all()).get(0);
    }

    private static Anomaly anomaly(final AnomalyStatus status) {
        return new Anomaly("c1", "streetlight", "sl-050", "SL-05", status, MONDAY_10.toEpochMilli(), "rule-sl-05",
                "lamp on at noon");
    }
}
