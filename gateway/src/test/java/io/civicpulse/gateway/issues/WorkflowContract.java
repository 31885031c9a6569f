// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Lifecycle commands, routing decisions and every refusal, against a real database (H2 and PostgreSQL). */
abstract class WorkflowContract extends WorkflowFixture {
    private static final ActionRequest FIXED = ActionRequest.EMPTY.withNote("灯已更换 / lamp replaced");

    @Test
    void administrative_acceptResolveVerify_closesWithTimelineOfActors() {
        // given
        final String id = open("sl-1", "SL-01");
        // when
        act(LIGHTING, id, "accept");
        act(LIGHTING, id, "resolve", FIXED);
        final ActionResult closed = act(SUPERVISOR, id, "verify", ActionRequest.EMPTY.withPass(true));
        // then
        assertThat(closed.issue().issue().state()).isEqualTo(IssueState.CLOSED);
        assertThat(closed.control().closureReason()).isEqualTo("FIXED");
        assertThat(closed.control().adminDecision()).isEqualTo("HANDLE");
        assertThat(closed.issue().timeline()).extracting(TimelineEvent::type, TimelineEvent::actorBodyId,
                TimelineEvent::toState).endsWith(
                tuple(TimelineEventType.ACCEPTED, "district-lighting", IssueState.IN_PROGRESS),
                tuple(TimelineEventType.RESOLVED, "district-lighting", IssueState.RESOLVED),
                tuple(TimelineEventType.VERIFICATION_STARTED, "district-lighting", IssueState.VERIFYING),
                tuple(TimelineEventType.CLOSED, "supervision-centre", IssueState.CLOSED));
        assertThat(closed.issue().timeline()).allSatisfy(e -> assertThat(e.publicNote()).doesNotContain("lamp-crew"));
        assertThat(timers(id)).isEmpty();
        assertThat(events).last().extracting(IssueEvent::eventType).isEqualTo("CLOSED");
    }

    @Test
    void decide_dispatchDown_movesLeadToStreetOfficeAndKeepsDisposeClock() {
        // given
        final String id = open("sl-2", "SL-01");
        final Instant dispose = detail(id).issue().disposeDeadline();
        // when
        final ActionResult r = act(LIGHTING, id, "decide", ActionRequest.EMPTY.withDecision("DISPATCH_DOWN"));
        // then
        assertThat(r.issue().issue().leadBodyId()).isEqualTo("street-office");
        assertThat(r.control().adminDecision()).isEqualTo("DISPATCH_DOWN");
        assertThat(r.issue().issue().disposeDeadline()).isEqualTo(dispose);
        assertThat(timers(id)).extracting(RunningTimer::bodyId, RunningTimer::kind, RunningTimer::dueAt)
                .contains(tuple("street-office", TimerKind.DISPOSE, dispose));
        assertThat(status(() -> act(LIGHTING, id, "accept"))).as("the district's part ended with its decision")
                .isEqualTo(409);
        act(STREET, id, "accept");
        assertThat(detail(id).issue().state()).isEqualTo(IssueState.IN_PROGRESS);
    }

    @Test
    void decide_onNonAdministrative_isRefused() {
        final String id = open("wb-1", "WB-04");
        assertThatThrownBy(() -> act(CONTRACTOR, id, "decide", ActionRequest.EMPTY.withDecision("HANDLE")))
                .isInstanceOf(ActionRefusedException.class).hasMessageContaining("only ADMINISTRATIVE");
    }

    @Test
    void refusals_wrongBodyRoleOrState_areClear() {
        final String id = open("sl-3", "SL-01");
        assertThat(status(() -> act(CONTRACTOR, id, "accept"))).isEqualTo(403);
        assertThat(status(() -> act(SUPERVISOR, id, "resolve", FIXED))).isEqualTo(403);
        assertThatThrownBy(() -> act(SUPERVISOR, id, "resolve", FIXED)).hasMessageContaining("never does the fix");
        assertThat(status(() -> act(LIGHTING, id, "approve-extension"))).isEqualTo(403);
        assertThat(status(() -> act(PARTY, id, "verify", ActionRequest.EMPTY.withPass(true)))).isEqualTo(403);
        assertThat(status(() -> act(LIGHTING, id, "resolve", FIXED))).isEqualTo(409);
        assertThat(status(() -> act(LIGHTING, id, "return"))).isEqualTo(400);
        assertThat(status(() -> act(LIGHTING, id, "fly"))).isEqualTo(404);
        assertThat(status(() -> act(LIGHTING, "SQ-2026-999999", "accept"))).isEqualTo(404);
        assertThat(status(() -> act(SUPERVISOR, id, "verify", ActionRequest.EMPTY.withPass(true)))).isEqualTo(409);
        act(LIGHTING, id, "accept");
        assertThat(status(() -> act(LIGHTING, id, "accept"))).isEqualTo(409);
        assertThat(detail(id).timeline()).extracting(TimelineEvent::type).containsOnlyOnce(TimelineEventType.ACCEPTED);
    }

    @Test
    void return_thirdTime_fallsBackToDistrictGovernmentWithLockedLead() {
        // given
        final String id = open("sl-4", "SL-01");
        // when: returned, re-dispatched by the supervision centre, three times
        for (int i = 1; i <= 2; i++) {
            act(LIGHTING, id, "return", ActionRequest.EMPTY.withReason("not our lamp #" + i));
            assertThat(detail(id).issue().state()).isEqualTo(IssueState.REGISTERED);
            act(SUPERVISOR, id, "reassign", ActionRequest.EMPTY.withBody("district-lighting"));
        }
        final ActionResult third = act(LIGHTING, id, "return", ActionRequest.EMPTY.withReason("still not ours"));
        // then
        assertThat(third.issue().issue().state()).isEqualTo(IssueState.DISPATCHED);
        assertThat(third.issue().issue().leadBodyId()).isEqualTo("district-government");
        assertThat(third.control().leadLocked()).isTrue();
        assertThat(third.control().returnCount()).isEqualTo(3);
        assertThat(third.issue().assignments()).filteredOn(a -> a.role() == AssignmentRole.LEAD
                && a.status() != AssignmentStatus.RETURNED).extracting(Assignment::bodyId)
                .containsExactly("district-government");
        assertThat(third.issue().timeline()).filteredOn(e -> e.type() == TimelineEventType.RETURNED)
                .allSatisfy(e -> assertThat(e.publicNote()).doesNotContain("not our", "still"));
        assertThatThrownBy(() -> act(DISTRICT, id, "return", ActionRequest.EMPTY.withReason("no")))
                .hasMessageContaining("locked");
    }

    @Test
    void mixed_resolve_waitsForEveryAssist() {
        // given WB-04: contractor leads, committee and street office assist
        final String id = open("wb-2", "WB-04");
        act(CONTRACTOR, id, "accept");
        act(COMMITTEE, id, "accept");
        // when / then
        assertThatThrownBy(() -> act(CONTRACTOR, id, "resolve", FIXED))
                .hasMessageContaining("residents-committee").hasMessageContaining("street-office");
        act(COMMITTEE, id, "complete-assist");
        act(STREET, id, "complete-assist");
        assertThat(act(CONTRACTOR, id, "resolve", FIXED).issue().issue().state()).isEqualTo(IssueState.VERIFYING);
    }

    @Test
    void summon_byStreetOffice_addsTimedDistrictDepartment() {
        // given SL-04 (MIXED): lighting leads, street office assists
        final String id = open("sl-5", "SL-04");
        // when
        final ActionResult r = act(STREET, id, "summon", ActionRequest.EMPTY.withBody("district-city-management"));
        // then
        assertThat(r.issue().assignments()).extracting(Assignment::bodyId, Assignment::role, Assignment::acceptDeadline)
                .contains(tuple("district-city-management", AssignmentRole.SUMMONED, MONDAY_10.plus(
                        Duration.ofMinutes(30))));
        assertThat(r.issue().timeline()).last().extracting(TimelineEvent::type).isEqualTo(TimelineEventType.SUMMONED);
        assertThat(status(() -> act(LIGHTING, id, "summon", ActionRequest.EMPTY.withBody("street-office"))))
                .isEqualTo(403);
        assertThat(status(() -> act(STREET, id, "summon", ActionRequest.EMPTY.withBody("residents-committee"))))
                .isEqualTo(400);
    }

    @Test
    void extension_requestedThenApproved_movesDeadlineInNewCycle() {
        final String id = open("sl-6", "SL-01");
        act(LIGHTING, id, "accept");
        final Instant until = MONDAY_10.plus(Duration.ofDays(10));
        act(LIGHTING, id, "request-extension", ActionRequest.EMPTY.withReason("pole on order").withUntil(until));
        assertThat(timers(id)).filteredOn(t -> t.kind() == TimerKind.DISPOSE)
                .allSatisfy(t -> assertThat(t.pausedAt()).isNotNull());
        assertThat(status(() -> act(LIGHTING, id, "approve-extension"))).isEqualTo(403);
        // when
        final ActionResult r = act(PARTY, id, "approve-extension");
        // then
        assertThat(r.issue().issue().disposeDeadline()).isEqualTo(until);
        assertThat(r.control().pendingRequest()).isNull();
        assertThat(timers(id)).filteredOn(t -> t.kind() == TimerKind.DISPOSE)
                .extracting(RunningTimer::cycle, RunningTimer::dueAt, RunningTimer::pausedAt)
                .containsExactly(tuple(2, until, null));
        assertThat(r.issue().timeline()).last().extracting(TimelineEvent::type).isEqualTo(TimelineEventType.EXTENDED);
    }

    @Test
    void park_approvedThenUnparked_pausesAndShiftsTimers() {
        final String id = open("sl-7", "SL-01");
        act(LIGHTING, id, "accept");
        final Instant due = detail(id).issue().disposeDeadline();
        act(LIGHTING, id, "request-park", ActionRequest.EMPTY.withReason("road works")
                .withUntil(MONDAY_10.plus(Duration.ofDays(30))));
        assertThat(act(SUPERVISOR, id, "approve-park").issue().issue().state()).isEqualTo(IssueState.PARKED);
        // when: five days parked, the scheduler fires nothing
        clock.advance(Duration.ofDays(5));
        assertThat(escalation.tick()).isZero();
        act(SUPERVISOR, id, "unpark");
        // then the dispose timer got the five days back
        assertThat(detail(id).issue().state()).isEqualTo(IssueState.IN_PROGRESS);
        assertThat(timers(id)).filteredOn(t -> t.kind() == TimerKind.DISPOSE).extracting(RunningTimer::dueAt)
                .containsExactly(due.plus(Duration.ofDays(5)));
    }

    @Test
    void verifyFail_reopensWithNewDisposeCycle_andCommitteeReopensClosed() {
        final String id = open("sl-8", "SL-04");
        act(LIGHTING, id, "accept");
        act(STREET, id, "complete-assist");
        act(LIGHTING, id, "resolve", FIXED);
        final ActionResult failed = act(SUPERVISOR, id, "verify", ActionRequest.EMPTY.withPass(false));
        assertThat(failed.issue().issue().state()).isEqualTo(IssueState.IN_PROGRESS);
        assertThat(failed.issue().issue().reopenCount()).isEqualTo(1);
        act(LIGHTING, id, "resolve", FIXED);
        act(SUPERVISOR, id, "close", ActionRequest.EMPTY.withReason("FIXED"));
        // when a resident is dissatisfied (relayed by the supervision centre)
        final ActionResult reopened = act(SUPERVISOR, id, "reopen", ActionRequest.EMPTY.withNote("still sparking"));
        // then
        assertThat(reopened.issue().issue().state()).isEqualTo(IssueState.IN_PROGRESS);
        assertThat(reopened.issue().issue().reopenCount()).isEqualTo(2);
        assertThat(status(() -> act(COMMITTEE, id, "reopen", ActionRequest.EMPTY.withNote("x")))).isEqualTo(403);
    }

    @Test
    void rejectAndMerge_fromTriage_onlyBySupervisionCentre() {
        final String target = open("sl-9", "SL-01");
        final String dup = openInTriage("SL-01");
        final String bogus = openInTriage("SL-01");
        assertThat(status(() -> act(PARTY, dup, "merge", ActionRequest.EMPTY.withInto(target)))).isEqualTo(403);
        final ActionResult merged = act(SUPERVISOR, dup, "merge", ActionRequest.EMPTY.withInto(target));
        assertThat(merged.issue().issue().state()).isEqualTo(IssueState.MERGED);
        assertThat(merged.control().duplicateOf()).isEqualTo(target);
        final ActionResult rejected = act(SUPERVISOR, bogus, "reject", ActionRequest.EMPTY.withReason("abusive"));
        assertThat(rejected.issue().issue().state()).isEqualTo(IssueState.REJECTED);
        assertThat(status(() -> act(SUPERVISOR, target, "reject", ActionRequest.EMPTY.withReason("x"))))
                .isEqualTo(409);
    }

    @Test
    void lockLeadNoticeAndNote_recordSupervisionWithoutFixing() {
        final String id = open("sl-10", "SL-01");
        act(SUPERVISOR, id, "lock-lead");
        final ActionResult notice = act(SUPERVISOR, id, "notice", ActionRequest.EMPTY.withNote("reply by 5pm"));
        act(PARTY, id, "note", ActionRequest.EMPTY.withNote("residents complain"));
        assertThat(notice.control().leadLocked()).isTrue();
        assertThat(notice.control().supervision()).isEqualTo("RED");
        assertThat(detail(id).timeline()).extracting(TimelineEvent::type).endsWith(TimelineEventType.NOTE,
                TimelineEventType.RED_SUPERVISION, TimelineEventType.NOTE);
        assertThat(detail(id).timeline()).last().extracting(TimelineEvent::publicNote).asString()
                .doesNotContain("residents complain");
        assertThat(status(() -> act(LIGHTING, id, "return", ActionRequest.EMPTY.withReason("x")))).isEqualTo(409);
    }

    @Test
    void expectedVersion_stale_isAConflict() {
        final String id = open("sl-11", "SL-01");
        final long v = workflow.result(id).control().version();
        act(LIGHTING, id, "accept", ActionRequest.EMPTY.withExpectedVersion(v));
        assertThatThrownBy(() -> act(LIGHTING, id, "note", ActionRequest.EMPTY.withNote("x").withExpectedVersion(v)))
                .isInstanceOf(ConcurrentIssueChangeException.class);
    }

    static int status(final Runnable r) {
        try {
            r.run();
        } catch (final ActionRefusedException e) {
            return e.status();
        } catch (final IllegalTransitionException | ConcurrentIssueChangeException e) {
            return 409;
        }
        return 200;
    }
}
