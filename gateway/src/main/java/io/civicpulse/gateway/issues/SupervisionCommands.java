// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.auth.Role;
import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.BodyType;
import io.civicpulse.gateway.issues.JdbcWorkflowTransaction.Column;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * Commands of the supervision centre and party watchers (监管分离, GOVERNANCE.md §2.5): approvals, verification,
 * closing, reopening, triage outcomes, re-routing, locking a lead and notices. None of them does the fix.
 */
final class SupervisionCommands {
    /** GOVERNANCE.md §2.2: a resident may be dissatisfied within 7 days of closing. */
    static final Duration RESIDENT_REOPEN_WINDOW = Duration.ofDays(7);
    private static final Set<String> CLOSURE_REASONS = Set.of("FIXED", "NO_FURTHER_ACTION", "NOT_RESPONSIBLE",
            "CANCELLED", "FALSE_ALARM");

    private SupervisionCommands() {
    }

    static void approveExtension(final WorkflowCommand c) {
        requirePending(c, "EXTENSION");
        final AssignmentRow lead = c.requireLead();
        c.timers.stop(c.id(), lead.id(), EnumSet.of(TimerKind.DISPOSE), c.now);
        c.timers.start(c.id(), lead.id(), lead.bodyId(), TimerKind.DISPOSE, c.now, c.snapshot.control().pendingUntil());
        c.wtx.set(c.id(), Column.DISPOSE_DEADLINE, c.snapshot.control().pendingUntil());
        c.wtx.set(c.id(), Column.SUPERVISION, "NONE");
        clearPending(c);
        c.move(IssueState.IN_PROGRESS, TimelineEventType.EXTENDED, "延期已批准 / Extension approved until "
                + c.snapshot.control().pendingUntil(), c.snapshot.control().pendingReason());
    }

    static void denyRequest(final WorkflowCommand c) {
        final String kind = c.snapshot.control().pendingRequest();
        if (kind == null) {
            throw ActionRefusedException.conflict("issue " + c.id() + " has no pending request");
        }
        clearPending(c);
        c.timers.resume(c.id(), c.now);
        c.event(TimelineEventType.NOTE, "申请未获批准 / Request not approved", kind + " denied: "
                + c.request.reason());
    }

    static void approvePark(final WorkflowCommand c) {
        requirePending(c, "PARK");
        c.timers.resume(c.id(), c.now);
        c.timers.pause(c.id(), EnumSet.allOf(TimerKind.class), c.now);
        c.wtx.set(c.id(), Column.PENDING_REQUEST, null);
        c.move(IssueState.PARKED, TimelineEventType.PARKED, "挂账（" + c.snapshot.control().pendingReason()
                + "） / Parked until review " + c.snapshot.control().pendingUntil(), null);
    }

    static void unpark(final WorkflowCommand c) {
        c.requireState(IssueState.PARKED);
        c.timers.resume(c.id(), c.now);
        c.wtx.set(c.id(), Column.PENDING_UNTIL, null);
        c.wtx.set(c.id(), Column.PENDING_REASON, null);
        c.move(IssueState.IN_PROGRESS, TimelineEventType.PARKED, "恢复处置 / Back from parking", c.request.note());
    }

    static void verify(final WorkflowCommand c) {
        c.requireState(IssueState.VERIFYING);
        if (c.request.pass() == null) {
            throw ActionRefusedException.badRequest("'pass' (true or false) is required");
        }
        if (c.request.pass()) {
            close(c, "FIXED", "核查通过，已办结 / Verified and closed");
            return;
        }
        reopen(c, "核查未通过，返工 / Verification failed, back to work");
    }

    static void close(final WorkflowCommand c) {
        c.requireState(IssueState.VERIFYING);
        final String reason = c.request.reason() == null ? "FIXED" : c.request.reason();
        if (!CLOSURE_REASONS.contains(reason)) {
            throw ActionRefusedException.badRequest("'reason': '" + reason + "' is not one of " + CLOSURE_REASONS);
        }
        close(c, reason, c.request.note() == null ? "已办结 / Closed" : c.request.note());
    }

    static void close(final WorkflowCommand c, final String reason, final String publicNote) {
        c.timers.stop(c.id(), null, EnumSet.allOf(TimerKind.class), c.now);
        c.wtx.set(c.id(), Column.CLOSURE_REASON, reason);
        c.wtx.set(c.id(), Column.CLOSED_AT, c.now);
        c.move(IssueState.CLOSED, TimelineEventType.CLOSED, publicNote, "closure reason " + reason);
    }

    /** CLOSED (resident dissatisfied, within 7 days) or VERIFYING (failed) → IN_PROGRESS, same lead. */
    static void reopen(final WorkflowCommand c) {
        c.requireState(IssueState.CLOSED);
        c.requireText(c.request.note(), "note");
        if (c.snapshot.control().closedAt() != null
                && c.snapshot.control().closedAt().plus(RESIDENT_REOPEN_WINDOW).isBefore(c.now)) {
            throw ActionRefusedException.conflict("issue " + c.id() + " was closed more than 7 days ago; report "
                    + "the problem again instead");
        }
        try {
            reopen(c, "重办 / Reopened: " + c.request.note());
        } catch (final OpenIssueConflictException e) {
            throw ActionRefusedException.conflict("a newer open issue exists for the same device and category; "
                    + "follow that one");
        }
    }

    static void reopen(final WorkflowCommand c, final String publicNote) {
        final AssignmentRow lead = c.requireLead();
        c.move(IssueState.IN_PROGRESS, TimelineEventType.REOPENED, publicNote, c.request.internalNote());
        c.tx.incrementReopenCount(c.id(), c.now);
        c.wtx.set(c.id(), Column.CLOSURE_REASON, null);
        c.restartDispose(lead);
        c.alsoNotify(lead.bodyId());
    }

    static void reject(final WorkflowCommand c) {
        c.requireState(IssueState.TRIAGE);
        final String reason = c.requireText(c.request.reason(), "reason");
        c.wtx.set(c.id(), Column.CLOSURE_REASON, "NOT_RESPONSIBLE");
        c.move(IssueState.REJECTED, TimelineEventType.REJECTED, "不予立案 / Not accepted as a case", reason);
    }

    static void merge(final WorkflowCommand c) {
        c.requireState(IssueState.TRIAGE);
        final String into = c.requireText(c.request.into(), "into");
        final IssueSnapshot target = c.wtx.load(into).orElseThrow(() ->
                ActionRefusedException.badRequest("'into': no issue " + into));
        if (into.equals(c.id()) || !target.state().isOpen()) {
            throw ActionRefusedException.conflict("'into': " + into + " is not another open issue");
        }
        c.wtx.set(c.id(), Column.DUPLICATE_OF, into);
        c.wtx.set(c.id(), Column.CLOSURE_REASON, "DUPLICATE");
        c.move(IssueState.MERGED, TimelineEventType.MERGED, "重复，见 / Duplicate, see " + into, null);
        c.tx.appendEvent(new TimelineEvent(0, into, c.now, TimelineEventType.NOTE, c.actor.bodyId(),
                target.state(), target.state(), "合并重复事件 / Duplicate merged: " + c.id(), null));
    }

    /** REGISTERED (after a return) → DISPATCHED to a chosen lead; no body = unclear responsibility → district. */
    static void reassign(final WorkflowCommand c) {
        c.requireState(IssueState.REGISTERED);
        final Body lead = c.request.body() == null ? district(c) : c.requireBody(c.request.body(), "body");
        if (lead.type() == BodyType.SUPERVISION_CENTRE || lead.type() == BodyType.PARTY_ORG) {
            throw ActionRefusedException.badRequest("'body': " + lead.id() + " supervises and cannot lead");
        }
        c.dispatchTo(lead.id(), c.category.acceptWithin(), c.category.disposeWithin(),
                "重新派遣 / Re-dispatched to " + lead.bilingualName(), c.request.internalNote());
    }

    static void lockLead(final WorkflowCommand c) {
        if (c.state() == IssueState.REGISTERED) {
            reassign(c);
        } else if (c.request.body() != null && !c.request.body().equals(c.snapshot.issue().leadBodyId())) {
            throw ActionRefusedException.conflict("the lead can only be changed while the issue is REGISTERED; "
                    + "lock the current lead " + c.snapshot.issue().leadBodyId() + " or wait for a return");
        }
        c.wtx.set(c.id(), Column.LEAD_LOCKED, Boolean.TRUE);
        c.event(TimelineEventType.NOTE, "牵头单位已锁定 / Lead body fixed by supervision", c.request.note());
    }

    static void notice(final WorkflowCommand c) {
        final String note = c.requireText(c.request.note(), "note");
        if (c.actor.role() == Role.SUPERVISION) {
            c.wtx.set(c.id(), Column.SUPERVISION, "RED");
            c.event(TimelineEventType.RED_SUPERVISION, "红色督办 / Supervision notice issued", note);
        } else {
            c.event(TimelineEventType.NOTE, "督查意见 / Supervision remark", note);
        }
    }

    private static Body district(final WorkflowCommand c) {
        return c.policy.firstBodyOfType(BodyType.DISTRICT_GOV).orElseThrow(() ->
                ActionRefusedException.badRequest("'body' is required (the policy has no district government)"));
    }

    private static void requirePending(final WorkflowCommand c, final String kind) {
        c.requireState(IssueState.IN_PROGRESS);
        if (!kind.equals(c.snapshot.control().pendingRequest())) {
            throw ActionRefusedException.conflict("issue " + c.id() + " has no pending " + kind + " request");
        }
    }

    private static void clearPending(final WorkflowCommand c) {
        c.wtx.set(c.id(), Column.PENDING_REQUEST, null);
        c.wtx.set(c.id(), Column.PENDING_UNTIL, null);
        c.wtx.set(c.id(), Column.PENDING_REASON, null);
    }
}
