// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.escalation.EscalationService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each routing class end to end on a test clock (anomaly → route → timers → escalation), sensor-verified closure,
 * auto-handling fallback, and the two-instance guarantees, against a real database (H2 and PostgreSQL).
 */
abstract class EscalationContract extends WorkflowFixture {
    /** Monday 10:00 + 2wh. */
    private static final Instant MONDAY_12 = MONDAY_10.plus(Duration.ofHours(2));

    @Test
    void administrative_unaccepted_climbsTheLadderOnceEach() {
        // given SL-01 (MINOR): accept 2wh → due Monday 12:00; grace 1wd; maxLoops 2
        final String id = open("sl-1", "SL-01");
        // when / then
        clock.set(MONDAY_10.plus(Duration.ofMinutes(59)));
        assertThat(escalation.tick()).isZero();
        clock.set(MONDAY_10.plus(Duration.ofHours(1)));
        assertThat(escalation.tick()).isEqualTo(1);
        assertThat(rungs(id)).containsExactly("ACCEPT/R0/1");
        clock.set(MONDAY_12);
        assertThat(escalation.tick()).isEqualTo(2);
        assertThat(escalation.tick()).as("idempotent").isZero();
        assertThat(workflow.result(id).control().supervision()).isEqualTo("RED");
        clock.set(MONDAY_12.plus(Duration.ofDays(1)));
        escalation.tick();
        // then R3 reported lighting's parent, the district government (top of its chain: no R4)
        final IssueDetail d = detail(id);
        assertThat(rungs(id)).contains("ACCEPT/R0/1", "ACCEPT/R1/1", "ACCEPT/R2/1", "ACCEPT/R3/1");
        assertThat(d.assignments()).extracting(Assignment::bodyId, Assignment::role)
                .contains(org.assertj.core.groups.Tuple.tuple("district-government", AssignmentRole.REPORTED_TO));
        assertThat(d.timeline()).extracting(TimelineEvent::type).containsSubsequence(TimelineEventType.REMINDED,
                TimelineEventType.YELLOW_WARNING, TimelineEventType.RED_SUPERVISION, TimelineEventType.REPORTED_UP);
        assertThat(d.timeline()).filteredOn(e -> e.type() == TimelineEventType.REMINDED)
                .filteredOn(e -> e.internalNote().contains("ACCEPT timer")).singleElement()
                .satisfies(e -> assertThat(e.publicNote()).as("reminders are internal").isNull());
        assertThat(events).filteredOn(e -> e.eventType().equals("YELLOW_WARNING")).singleElement()
                .satisfies(e -> assertThat(e.bodyIds()).contains("supervision-centre", "party-committee"));
    }

    @Test
    void publicService_reportUp_repeatsOneLevelHigherUpToMaxLoops() {
        // given GT-01 (MAJOR, property company → residents' committee → street office): accept 30m, grace 2h
        final String id = open("gt-1", "GT-01");
        // when
        clock.set(MONDAY_10.plus(Duration.ofMinutes(30 + 120 + 120)));
        escalation.tick();
        // then R3 to the committee, R4_1 to the street office; maxLoops 2 stops there
        assertThat(rungs(id)).contains("ACCEPT/R3/1", "ACCEPT/R4_1/1").doesNotContain("ACCEPT/R4_2/1");
        assertThat(detail(id).assignments()).filteredOn(a -> a.role() == AssignmentRole.REPORTED_TO)
                .extracting(Assignment::bodyId).containsExactly("residents-committee", "street-office");
    }

    @Test
    void accepting_stopsTheAcceptLadder_disposeLadderRunsOn() {
        final String id = open("sl-2", "SL-01");
        act(LIGHTING, id, "accept");
        // when: Wednesday 10:00 = the 2wd dispose deadline
        clock.set(Instant.parse("2026-03-04T02:00:00Z"));
        escalation.tick();
        // then
        assertThat(rungs(id)).containsExactly("DISPOSE/R0/1", "DISPOSE/R1/1", "DISPOSE/R2/1");
    }

    @Test
    void routineAuto_timeboxEnds_fallsBackToHumanRouteWithNewTimers() {
        // given WB-01: work order to the contractor, timebox 2h, fallback street office (accept 1h, dispose 4h)
        final String id = open("wb-1", "WB-01");
        assertThat(detail(id).issue().state()).isEqualTo(IssueState.AUTO_HANDLING);
        // when
        clock.set(MONDAY_12);
        escalation.tick();
        // then
        final IssueDetail d = detail(id);
        assertThat(d.issue().state()).isEqualTo(IssueState.DISPATCHED);
        assertThat(d.issue().leadBodyId()).isEqualTo("street-office");
        assertThat(d.issue().disposeDeadline()).isEqualTo(MONDAY_12.plus(Duration.ofHours(4)));
        assertThat(timers(id)).extracting(RunningTimer::bodyId).containsOnly("street-office");
        assertThat(d.timeline()).extracting(TimelineEvent::toState).endsWith(IssueState.REGISTERED,
                IssueState.DISPATCHED);
    }

    @Test
    void routineAuto_workOrderDone_sensorVerifiesAndCloses() {
        final String id = open("wb-2", "WB-01");
        act(CONTRACTOR, id, "accept");
        act(CONTRACTOR, id, "resolve", ActionRequest.EMPTY.withNote("emptied"));
        assertThat(detail(id).issue().state()).isEqualTo(IssueState.VERIFYING);
        clock.advance(Duration.ofMinutes(30));
        escalation.tick();
        assertThat(detail(id).issue().state()).isEqualTo(IssueState.CLOSED);
        assertThat(workflow.result(id).control().closureReason()).isEqualTo("FIXED");
    }

    @Test
    void sensorClear_verifiesThenCloses_recurrenceInWindowReopensSameIssue() {
        // given
        final String id = open("sl-3", "SL-01");
        service.submit(anomalies.cleared("sl-3", "SL-01"));
        await().until(() -> detail(id).issue().state() == IssueState.VERIFYING);
        clock.advance(Duration.ofMinutes(29));
        escalation.tick();
        assertThat(detail(id).issue().state()).as("window not over").isEqualTo(IssueState.VERIFYING);
        clock.advance(Duration.ofMinutes(1));
        escalation.tick();
        assertThat(detail(id).issue().state()).isEqualTo(IssueState.CLOSED);
        // when the lamp fails again two days later (reopen window 72h)
        clock.advance(Duration.ofDays(2));
        service.submit(anomalies.raised("sl-3", "SL-01"));
        // then
        await().until(() -> detail(id).issue().state() == IssueState.IN_PROGRESS);
        assertThat(service.list(IssueQuery.all().withCommunity(community))).hasSize(1);
        assertThat(detail(id).issue().reopenCount()).isEqualTo(1);
        assertThat(timers(id)).extracting(RunningTimer::kind).containsExactly(TimerKind.DISPOSE);
    }

    @Test
    void twoSchedulers_onOneDatabase_fireEachRungOnce() throws Exception {
        // given two instances (own pools) and issues whose accept ladders are all due
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(open("sl-x" + i, "SL-01"));
        }
        final JdbcIssueStore other = newStore();
        final EscalationService second = new EscalationService(other, new IssueWorkflow(other, policy, clock,
                events::add), policy, clock);
        clock.set(MONDAY_12);
        // when both tick at once, repeatedly
        final int fired = race(() -> escalation.tick() + escalation.tick(), () -> second.tick() + second.tick());
        // then R0, R1, R2 per issue exactly once in total
        assertThat(fired).isEqualTo(9);
        for (final String id : ids) {
            assertThat(rungs(id)).containsExactlyInAnyOrder("ACCEPT/R0/1", "ACCEPT/R1/1", "ACCEPT/R2/1");
            assertThat(detail(id).timeline()).filteredOn(e -> e.type() == TimelineEventType.REMINDED).hasSize(1);
        }
    }

    @Test
    void twoWorkflowInstances_sameCommandAtOnce_exactlyOneApplies() throws Exception {
        final String id = open("sl-4", "SL-01");
        final JdbcIssueStore other = newStore();
        final IssueWorkflow second = new IssueWorkflow(other, policy, clock, events::add);
        // when
        final int applied = race(() -> tryAccept(workflow, id), () -> tryAccept(second, id));
        // then
        assertThat(applied).isEqualTo(1);
        assertThat(detail(id).timeline()).filteredOn(e -> e.type() == TimelineEventType.ACCEPTED).hasSize(1);
    }

    private static int tryAccept(final IssueWorkflow w, final String id) {
        try {
            w.apply(LIGHTING, id, "accept", ActionRequest.EMPTY);
            return 1;
        } catch (final ConcurrentIssueChangeException | ActionRefusedException | IssueStoreException e) {
            return 0;
        }
    }

    /** Runs both at the same moment and sums their results. */
    private static int race(final Callable<Integer> a, final Callable<Integer> b) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            final CountDownLatch go = new CountDownLatch(1);
            final Future<Integer> fa = pool.submit(() -> {
                go.await();
                return a.call();
            });
            final Future<Integer> fb = pool.submit(() -> {
                go.await();
                return b.call();
            });
            go.countDown();
            return fa.get() + fb.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
