// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.RoutingClass;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The issue lifecycle of this slice against a real database; every test runs on H2 and on PostgreSQL. Deadlines
 * use the test policy ({@code governance/valid.yaml}) from Monday 2026-03-02 10:00 Asia/Shanghai.
 */
abstract class IssueServiceContract extends IssueServiceFixture {
    private static final Instant MONDAY_12 = Instant.parse("2026-03-02T04:00:00Z");
    private static final Instant WEDNESDAY_10 = Instant.parse("2026-03-04T02:00:00Z");

    @Test
    void submit_raisedAdministrative_dispatchesToLeadWithDeadlinesAndTimeline() {
        // given
        // when
        service.submit(anomalies.raised("sl-001", "SL-01"));
        awaitProcessed(1);
        // then
        final IssueDetail detail = onlyIssue();
        final IssueSummary issue = detail.issue();
        assertThat(issue.id()).matches("SQ-2026-\\d{6}");
        assertThat(issue.state()).isEqualTo(IssueState.DISPATCHED);
        assertThat(issue.routingClass()).isEqualTo(RoutingClass.ADMINISTRATIVE);
        assertThat(issue.leadBodyId()).isEqualTo("district-lighting");
        assertThat(issue.occurrenceCount()).isEqualTo(1);
        assertThat(issue.acceptDeadline()).as("2wh from Monday 10:00").isEqualTo(MONDAY_12);
        assertThat(issue.disposeDeadline()).as("2wd from Monday 10:00").isEqualTo(WEDNESDAY_10);
        assertThat(detail.assignments()).extracting(Assignment::bodyId, Assignment::role, Assignment::status,
                        Assignment::dispatchedAt, Assignment::acceptDeadline)
                .containsExactly(tuple("district-lighting", AssignmentRole.LEAD, AssignmentStatus.PENDING_ACCEPT,
                        MONDAY_10, MONDAY_12));
        assertThat(detail.timeline()).extracting(TimelineEvent::type, TimelineEvent::fromState,
                TimelineEvent::toState).containsExactly(
                tuple(TimelineEventType.OPENED, null, IssueState.NEW),
                tuple(TimelineEventType.TRIAGED, IssueState.NEW, IssueState.TRIAGE),
                tuple(TimelineEventType.REGISTERED, IssueState.TRIAGE, IssueState.REGISTERED),
                tuple(TimelineEventType.DISPATCHED, IssueState.REGISTERED, IssueState.DISPATCHED));
        assertThat(detail.timeline()).allSatisfy(e -> {
            assertThat(e.actorBodyId()).isEqualTo("platform-ops");
            assertThat(e.at()).isEqualTo(MONDAY_10);
            assertThat(e.internalNote()).contains("rule-sl-01", "lamp_current_a 0.00 < 0.05", "sl-001");
            assertThat(e.publicNote()).isNotBlank().doesNotContain("sl-001");
        });
        assertThat(detail.timeline().get(3).internalNote()).contains("district staff decision");
        assertThat(registry.get(IssueMetrics.OPENED).tag("routing_class", "ADMINISTRATIVE").counter().count())
                .isEqualTo(1);
        assertThat(outcome(AnomalyOutcome.OPENED)).isEqualTo(1);
    }

    @Test
    void submit_sameRaisedTwice_mergesIntoOneIssueWithTwoOccurrences() {
        // given
        service.submit(anomalies.raised("sl-002", "SL-01"));
        awaitProcessed(1);
        clock.advance(Duration.ofMinutes(5));
        // when
        service.submit(anomalies.raised("sl-002", "SL-01"));
        awaitProcessed(2);
        // then
        final IssueDetail detail = onlyIssue();
        assertThat(detail.issue().occurrenceCount()).isEqualTo(2);
        assertThat(detail.issue().state()).isEqualTo(IssueState.DISPATCHED);
        assertThat(detail.issue().updatedAt()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(5)));
        assertThat(detail.timeline()).last().extracting(TimelineEvent::type, TimelineEvent::toState)
                .containsExactly(TimelineEventType.OCCURRENCE, IssueState.DISPATCHED);
        assertThat(outcome(AnomalyOutcome.MERGED)).isEqualTo(1);
        assertThat(events).extracting(IssueEvent::eventType).containsExactly("DISPATCHED", "OCCURRENCE");
    }

    @Test
    void submit_clearedAfterRaised_movesIssueToVerifying() {
        // given
        service.submit(anomalies.raised("sl-003", "SL-01"));
        clock.advance(Duration.ofHours(1));
        // when
        service.submit(anomalies.cleared("sl-003", "SL-01"));
        awaitProcessed(2);
        // then
        final IssueDetail detail = onlyIssue();
        assertThat(detail.issue().state()).isEqualTo(IssueState.VERIFYING);
        final TimelineEvent last = detail.timeline().get(detail.timeline().size() - 1);
        assertThat(last.type()).isEqualTo(TimelineEventType.VERIFICATION_STARTED);
        assertThat(last.fromState()).isEqualTo(IssueState.DISPATCHED);
        assertThat(last.internalNote()).startsWith("sensor cleared");
        assertThat(outcome(AnomalyOutcome.CLEARED)).isEqualTo(1);
    }

    @Test
    void submit_raisedDuringVerification_reopensSameIssueInProgress() {
        // given an issue being verified
        service.submit(anomalies.raised("sl-004", "SL-01"));
        service.submit(anomalies.cleared("sl-004", "SL-01"));
        awaitProcessed(2);
        final String id = onlyIssue().issue().id();
        // when the sensor raises again
        service.submit(anomalies.raised("sl-004", "SL-01"));
        awaitProcessed(3);
        // then
        final IssueDetail detail = onlyIssue();
        assertThat(detail.issue().id()).isEqualTo(id);
        assertThat(detail.issue().state()).isEqualTo(IssueState.IN_PROGRESS);
        assertThat(detail.issue().reopenCount()).isEqualTo(1);
        assertThat(detail.issue().occurrenceCount()).isEqualTo(2);
        assertThat(detail.timeline()).extracting(TimelineEvent::type).endsWith(TimelineEventType.VERIFICATION_STARTED,
                TimelineEventType.OCCURRENCE, TimelineEventType.REOPENED);
        assertThat(events).last().extracting(IssueEvent::eventType, IssueEvent::state)
                .containsExactly("REOPENED", "IN_PROGRESS");
    }

    @Test
    void submit_clearedTwice_secondIsIgnored() {
        // given
        service.submit(anomalies.raised("sl-005", "SL-01"));
        service.submit(anomalies.cleared("sl-005", "SL-01"));
        // when
        service.submit(anomalies.cleared("sl-005", "SL-01"));
        awaitProcessed(3);
        // then
        assertThat(onlyIssue().issue().state()).isEqualTo(IssueState.VERIFYING);
        assertThat(outcome(AnomalyOutcome.IGNORED)).isEqualTo(1);
    }

    @Test
    void submit_clearedWithoutOpenIssue_isIgnoredAndCounted() {
        // when
        service.submit(anomalies.cleared("sl-006", "SL-01"));
        awaitProcessed(1);
        // then
        assertThat(service.list(ours())).isEmpty();
        assertThat(outcome(AnomalyOutcome.IGNORED)).isEqualTo(1);
        assertThat(events).isEmpty();
    }

    @Test
    void submit_routineAutoCategory_startsAutoHandlingWithContractorLead() {
        // when
        service.submit(anomalies.raised("bin-001", "WB-01"));
        awaitProcessed(1);
        // then
        final IssueDetail detail = onlyIssue();
        assertThat(detail.issue().state()).isEqualTo(IssueState.AUTO_HANDLING);
        assertThat(detail.issue().leadBodyId()).isEqualTo("sanitation-contractor");
        assertThat(detail.issue().acceptDeadline()).isEqualTo(MONDAY_10.plus(Duration.ofMinutes(30)));
        assertThat(detail.issue().disposeDeadline()).isEqualTo(MONDAY_12);
        assertThat(detail.timeline()).extracting(TimelineEvent::type).containsExactly(TimelineEventType.OPENED,
                TimelineEventType.TRIAGED, TimelineEventType.AUTO_HANDLING_STARTED);
        assertThat(registry.get(IssueMetrics.OPENED).tag("routing_class", "ROUTINE_AUTO").counter().count())
                .isEqualTo(1);
        assertThat(events).singleElement().extracting(IssueEvent::bodyIds)
                .isEqualTo(List.of("sanitation-contractor"));
    }

    @Test
    void submit_mixedCategory_notifiesListenerWithLeadAndAssists() {
        // when
        service.submit(anomalies.raised("bin-002", "WB-04"));
        awaitProcessed(1);
        // then
        final IssueDetail detail = onlyIssue();
        assertThat(detail.assignments()).extracting(Assignment::bodyId, Assignment::role).containsExactly(
                tuple("sanitation-contractor", AssignmentRole.LEAD),
                tuple("residents-committee", AssignmentRole.ASSIST),
                tuple("street-office", AssignmentRole.ASSIST));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.issueId()).isEqualTo(detail.issue().id());
            assertThat(e.community()).isEqualTo(community);
            assertThat(e.category()).isEqualTo("WB-04");
            assertThat(e.severity()).isEqualTo("MINOR");
            assertThat(e.state()).isEqualTo("DISPATCHED");
            assertThat(e.eventType()).isEqualTo("DISPATCHED");
            assertThat(e.bodyIds()).containsExactly("sanitation-contractor", "residents-committee", "street-office");
            assertThat(e.deviceId()).isEqualTo("bin-002");
            assertThat(e.at()).isEqualTo(MONDAY_10);
            assertThat(e.disposeDeadline()).as("24h natural").isEqualTo(MONDAY_10.plus(Duration.ofHours(24)));
            assertThat(e.publicNote()).contains("协办", "Residents' committee");
        });
    }

    @Test
    void submit_criticalCategory_deadlinesRunOnNaturalTime() {
        // given Friday 2026-03-06 17:00 Asia/Shanghai
        final Instant friday17 = Instant.parse("2026-03-06T09:00:00Z");
        clock.set(friday17);
        // when
        service.submit(anomalies.raised("sl-007", "SL-04"));
        awaitProcessed(1);
        // then 15m and 1wd read as 24 h, through the weekend
        final IssueSummary issue = onlyIssue().issue();
        assertThat(issue.acceptDeadline()).isEqualTo(friday17.plus(Duration.ofMinutes(15)));
        assertThat(issue.disposeDeadline()).isEqualTo(friday17.plus(Duration.ofHours(24)));
    }

    @Test
    void submit_unknownCategory_isCountedAndOpensNothing() {
        // when
        service.submit(anomalies.raised("sl-008", "XX-99"));
        service.submit(anomalies.cleared("sl-008", "XX-99"));
        awaitProcessed(2);
        // then
        assertThat(outcome(AnomalyOutcome.UNKNOWN_CATEGORY)).isEqualTo(2);
        assertThat(service.list(ours())).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void listOpenDeviceIssues_givesTheOpenIssuesOfThoseCategoriesOnly() {
        // given: an open SL-01 (dispatched), an SL-01 in verification (still open), a closed SL-01 and a WB-01
        service.submit(anomalies.raised("sl-011", "SL-01"));
        service.submit(anomalies.raised("sl-012", "SL-01"));
        service.submit(anomalies.cleared("sl-012", "SL-01"));
        service.submit(anomalies.raised("sl-013", "SL-01"));
        service.submit(anomalies.cleared("sl-013", "SL-01"));
        service.submit(anomalies.raised("bin-011", "WB-01"));
        awaitProcessed(6);
        final String closed = service.list(ours().withCategory("SL-01")).stream()
                .filter(i -> "sl-013".equals(i.deviceId())).findFirst().orElseThrow().id();
        store.updateState(closed, IssueState.VERIFYING, IssueState.CLOSED, service.now());

        // when
        final List<IssueSummary> open = service.listOpenDeviceIssues(List.of("SL-01", "SL-04")).stream()
                .filter(i -> community.equals(i.community())).toList();

        // then: ordered by device
        assertThat(open).extracting(IssueSummary::deviceId, IssueSummary::state).containsExactly(
                tuple("sl-011", IssueState.DISPATCHED), tuple("sl-012", IssueState.VERIFYING));
        assertThat(service.listOpenDeviceIssues(List.of())).isEmpty();
    }

    @Test
    void submit_raisedAfterIssueClosedOutsideReopenWindow_opensNewIssue() {
        // given an issue closed without a closing time (moved by the store directly), so no reopen window applies;
        // EscalationContract covers the re-trigger inside the 72 h window, which reopens the same issue
        service.submit(anomalies.raised("sl-009", "SL-01"));
        service.submit(anomalies.cleared("sl-009", "SL-01"));
        awaitProcessed(2);
        final String closedId = onlyIssue().issue().id();
        store.updateState(closedId, IssueState.VERIFYING, IssueState.CLOSED, service.now());
        clock.advance(Duration.ofHours(2));
        // when
        service.submit(anomalies.raised("sl-009", "SL-01"));
        awaitProcessed(3);
        // then the closed issue released the device+category key
        final List<IssueSummary> issues = service.list(ours());
        assertThat(issues).extracting(IssueSummary::state).containsExactly(IssueState.DISPATCHED, IssueState.CLOSED);
        assertThat(issues.get(1).id()).isEqualTo(closedId);
        assertThat(issues.get(0).id()).isNotEqualTo(closedId);
    }

    @Test
    void list_filters_matchStateCategoryBodyCommunityAndPage() {
        // given three issues opened a minute apart
        service.submit(anomalies.raised("sl-010", "SL-01"));
        awaitProcessed(1);
        clock.advance(Duration.ofMinutes(1));
        service.submit(anomalies.raised("bin-010", "WB-04"));
        awaitProcessed(2);
        clock.advance(Duration.ofMinutes(1));
        service.submit(anomalies.raised("bin-011", "WB-01"));
        awaitProcessed(3);
        // when / then
        assertThat(service.list(ours())).extracting(IssueSummary::category).containsExactly("WB-01", "WB-04", "SL-01");
        assertThat(service.list(ours().withState(IssueState.AUTO_HANDLING))).extracting(IssueSummary::category)
                .containsExactly("WB-01");
        assertThat(service.list(ours().withCategory("SL-01"))).extracting(IssueSummary::deviceId)
                .containsExactly("sl-010");
        assertThat(service.list(ours().withBodyId("residents-committee"))).extracting(IssueSummary::category)
                .containsExactly("WB-04");
        assertThat(service.list(ours().withBodyId("sanitation-contractor"))).extracting(IssueSummary::category)
                .containsExactly("WB-01", "WB-04");
        assertThat(service.list(ours().withPage(1, 1))).extracting(IssueSummary::category).containsExactly("WB-04");
        assertThat(service.list(IssueQuery.all().withCommunity("other-" + community))).isEmpty();
    }

    @Test
    void find_unknownId_isEmpty() {
        assertThat(service.find("SQ-1999-000001")).isEmpty();
    }

    @Test
    void submit_sameRaisedConcurrentlyToTwoInstances_opensExactlyOneIssue() throws Exception {
        // given a second gateway instance: its own pool and service on the same database
        final SimpleMeterRegistry registry2 = new SimpleMeterRegistry();
        final IssueService service2 = startService(new JdbcIssueStore(openDatabase().dataSource()), registry2);
        // when both receive the same RAISED anomaly 50 times, from several threads at once
        ConcurrentSubmitter.submit(anomalies.raised("sl-100", "SL-01"), 50, service, service2);
        awaitProcessed(registry, 50);
        awaitProcessed(registry2, 50);
        // then
        final IssueDetail detail = onlyIssue();
        assertThat(detail.issue().occurrenceCount()).isEqualTo(100);
        assertThat(detail.timeline()).filteredOn(e -> e.type() == TimelineEventType.OCCURRENCE).hasSize(99);
        assertThat(outcome(registry, AnomalyOutcome.OPENED) + outcome(registry2, AnomalyOutcome.OPENED))
                .isEqualTo(1);
        assertThat(outcome(registry, AnomalyOutcome.MERGED) + outcome(registry2, AnomalyOutcome.MERGED))
                .isEqualTo(99);
        assertThat(outcome(registry, AnomalyOutcome.FAILED) + outcome(registry2, AnomalyOutcome.FAILED)).isZero();
    }
}
