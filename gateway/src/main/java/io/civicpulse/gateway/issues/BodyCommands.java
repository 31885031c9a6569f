// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.BodyType;
import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.issues.JdbcWorkflowTransaction.Column;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/** Commands of the bodies that do the work: lead, assists, summoned departments (GOVERNANCE.md §2.2, §2.4). */
final class BodyCommands {
    /** GOVERNANCE.md §2.4 step 8: a summoned department accepts within 30 minutes. */
    static final Duration SUMMON_ACCEPT = Duration.ofMinutes(30);

    private BodyCommands() {
    }

    static void accept(final WorkflowCommand c) {
        final AssignmentRow own = c.snapshot.activeOf(c.actor.bodyId()).orElseThrow();
        if (own.assignment().status() != AssignmentStatus.PENDING_ACCEPT) {
            throw ActionRefusedException.conflict("body " + own.bodyId() + " already accepted issue " + c.id());
        }
        c.wtx.updateAssignment(own.id(), AssignmentStatus.ACCEPTED, c.now, null);
        c.timers.stop(c.id(), own.id(), EnumSet.of(TimerKind.ACCEPT), c.now);
        final boolean lead = own.assignment().role() == AssignmentRole.LEAD
                && own.bodyId().equals(c.snapshot.issue().leadBodyId());
        final String note = "已签收 / Accepted: " + c.name(own.bodyId());
        if (lead && c.snapshot.issue().routingClass() == RoutingClass.ADMINISTRATIVE
                && c.snapshot.control().adminDecision() == null) {
            c.wtx.set(c.id(), Column.ADMIN_DECISION, "HANDLE");
        }
        if (lead && c.state() == IssueState.DISPATCHED) {
            c.move(IssueState.IN_PROGRESS, TimelineEventType.ACCEPTED, note, null);
        } else {
            c.event(TimelineEventType.ACCEPTED, note, null);
        }
    }

    /** ADMINISTRATIVE: the district department handles it itself (= accept) or dispatches it down (下派). */
    static void decide(final WorkflowCommand c) {
        if (c.snapshot.issue().routingClass() != RoutingClass.ADMINISTRATIVE) {
            throw ActionRefusedException.conflict("issue " + c.id() + " is " + c.snapshot.issue().routingClass()
                    + "; only ADMINISTRATIVE issues take a district decision");
        }
        if (c.snapshot.control().adminDecision() != null) {
            throw ActionRefusedException.conflict("issue " + c.id() + " was already decided: "
                    + c.snapshot.control().adminDecision());
        }
        c.requireState(IssueState.DISPATCHED);
        final String decision = c.requireText(c.request.decision(), "decision");
        if ("HANDLE".equals(decision)) {
            accept(c);
            return;
        }
        if (!"DISPATCH_DOWN".equals(decision)) {
            throw ActionRefusedException.badRequest("'decision': '" + decision + "' is not HANDLE or DISPATCH_DOWN");
        }
        final Body office = c.request.body() == null
                ? c.policy.firstBodyOfType(BodyType.STREET_OFFICE).orElseThrow(() ->
                        ActionRefusedException.conflict("the policy has no street office to dispatch down to"))
                : c.requireBody(c.request.body(), "body");
        if (office.type() != BodyType.STREET_OFFICE) {
            throw ActionRefusedException.badRequest("'body': " + office.id() + " is not a street office");
        }
        final AssignmentRow old = c.requireLead();
        c.wtx.updateAssignment(old.id(), AssignmentStatus.DONE, c.now, null);
        c.timers.stop(c.id(), old.id(), EnumSet.of(TimerKind.ACCEPT), c.now);
        final Instant accept = c.deadline(c.category.acceptWithin());
        final long id = c.wtx.insertAssignment(c.id(), new Assignment(office.id(), AssignmentRole.LEAD,
                AssignmentStatus.PENDING_ACCEPT, c.now, accept, null, null));
        if (accept != null) {
            c.timers.start(c.id(), id, office.id(), TimerKind.ACCEPT, c.now, accept);
        }
        // The dispose clock started at the first dispatch (数字城管); it moves to the new lead unchanged.
        for (final RunningTimer t : c.timers.unstopped(c.id())) {
            if (t.assignmentId() == old.id() && t.kind() != TimerKind.ACCEPT) {
                c.timers.stop(c.id(), old.id(), EnumSet.of(t.kind()), c.now);
                c.timers.start(c.id(), id, office.id(), t.kind(), t.startedAt(), t.dueAt());
            }
        }
        c.wtx.set(c.id(), Column.LEAD_BODY_ID, office.id());
        c.wtx.set(c.id(), Column.ACCEPT_DEADLINE, accept);
        c.wtx.set(c.id(), Column.ADMIN_DECISION, "DISPATCH_DOWN");
        c.event(TimelineEventType.DISPATCHED, "下派街道 / Dispatched down to " + office.bilingualName(),
                "district decision by " + old.bodyId() + ": dispatch down");
    }

    static void returnIssue(final WorkflowCommand c) {
        c.requireState(IssueState.DISPATCHED, IssueState.IN_PROGRESS);
        final String reason = c.requireText(c.request.reason(), "reason");
        if (c.snapshot.control().leadLocked()) {
            throw ActionRefusedException.conflict("the lead of issue " + c.id() + " is locked (责任主体唯一); it "
                    + "cannot be returned; ask the supervision centre");
        }
        final AssignmentRow lead = c.requireLead();
        c.wtx.updateAssignment(lead.id(), AssignmentStatus.RETURNED, c.now, reason);
        c.timers.stop(c.id(), lead.id(), EnumSet.allOf(TimerKind.class), c.now);
        final int returns = c.snapshot.control().returnCount() + 1;
        c.wtx.set(c.id(), Column.RETURN_COUNT, returns);
        // Dispute text stays internal; the public only sees that it is being re-dispatched (§2.7).
        c.move(IssueState.REGISTERED, TimelineEventType.RETURNED, "已退回，重新派遣 / Returned, being re-dispatched",
                "return #" + returns + " by " + lead.bodyId() + ": " + reason);
        if (returns > c.policy.escalation().maxReturns()) {
            final Body fallback = c.policy.firstBodyOfType(BodyType.DISTRICT_GOV).orElseThrow(() ->
                    ActionRefusedException.conflict("the policy has no district government for the fallback"));
            c.wtx.set(c.id(), Column.LEAD_LOCKED, Boolean.TRUE);
            c.dispatchTo(fallback.id(), c.category.acceptWithin(), c.category.disposeWithin(),
                    "区政府兜底牵头 / District government takes the lead (兜底)", "return #" + returns
                            + " exceeds " + c.policy.escalation().maxReturns() + ": district fallback, lead locked");
        }
    }

    static void makeSafe(final WorkflowCommand c) {
        c.requireState(IssueState.DISPATCHED, IssueState.IN_PROGRESS);
        c.timers.stop(c.id(), null, EnumSet.of(TimerKind.MAKE_SAFE), c.now);
        c.event(TimelineEventType.NOTE, "现场已排险 / Site made safe", c.request.internalNote());
    }

    static void resolve(final WorkflowCommand c) {
        final String note = c.requireText(c.request.note(), "note");
        final AssignmentRow lead = c.requireLead();
        if (c.state() == IssueState.AUTO_HANDLING) {
            // A work order done by the contractor (§2.2: AUTO_HANDLING → VERIFYING "contractor done").
            c.wtx.updateAssignment(lead.id(), AssignmentStatus.DONE, c.now, null);
            c.move(IssueState.VERIFYING, TimelineEventType.RESOLVED, note, c.request.internalNote());
        } else {
            c.requireState(IssueState.IN_PROGRESS);
            final List<AssignmentRow> open = c.snapshot.openHelpers();
            if (!open.isEmpty()) {
                throw ActionRefusedException.conflict("issue " + c.id() + " cannot be resolved while assisting "
                        + "bodies are not done: " + open.stream().map(AssignmentRow::bodyId).toList());
            }
            c.move(IssueState.RESOLVED, TimelineEventType.RESOLVED, note, c.request.internalNote());
            c.move(IssueState.VERIFYING, TimelineEventType.VERIFICATION_STARTED, "待核查 / Awaiting verification",
                    null);
        }
        c.wtx.set(c.id(), Column.RESOLVED_AT, c.now);
        c.startVerification(lead);
    }

    static void requestExtension(final WorkflowCommand c) {
        request(c, "EXTENSION", "申请延期 / Extension requested");
        final Instant current = c.snapshot.issue().disposeDeadline();
        if (current != null && !c.request.until().isAfter(current)) {
            throw ActionRefusedException.badRequest("'until' (" + c.request.until()
                    + ") must be after the current deadline " + current);
        }
        // §2.5: the SLA is paused while an extension request is pending.
        c.timers.pause(c.id(), EnumSet.of(TimerKind.DISPOSE), c.now);
    }

    static void requestPark(final WorkflowCommand c) {
        request(c, "PARK", "申请挂账 / Parking requested");
    }

    private static void request(final WorkflowCommand c, final String kind, final String publicNote) {
        c.requireState(IssueState.IN_PROGRESS);
        final String reason = c.requireText(c.request.reason(), "reason");
        if (c.request.until() == null || !c.request.until().isAfter(c.now)) {
            throw ActionRefusedException.badRequest("'until' is required and must be in the future (ISO-8601 "
                    + "instant, e.g. 2026-03-10T09:00:00Z)");
        }
        if (c.snapshot.control().pendingRequest() != null) {
            throw ActionRefusedException.conflict("issue " + c.id() + " already has a pending "
                    + c.snapshot.control().pendingRequest() + " request");
        }
        c.wtx.set(c.id(), Column.PENDING_REQUEST, kind);
        c.wtx.set(c.id(), Column.PENDING_UNTIL, c.request.until());
        c.wtx.set(c.id(), Column.PENDING_REASON, reason);
        c.event(TimelineEventType.NOTE, publicNote, kind + " until " + c.request.until() + ": " + reason);
        c.policy.firstBodyOfType(BodyType.SUPERVISION_CENTRE).ifPresent(b -> c.alsoNotify(b.id()));
    }

    static void addAssist(final WorkflowCommand c) {
        c.requireState(IssueState.DISPATCHED, IssueState.IN_PROGRESS);
        final Body body = helperBody(c);
        addHelper(c, body, AssignmentRole.ASSIST, c.deadline(c.category.acceptWithin()));
        c.event(TimelineEventType.NOTE, "增派协办单位 / Assisting body added: " + body.bilingualName(), null);
    }

    static void summon(final WorkflowCommand c) {
        if (c.policy.body(c.actor.bodyId()).map(Body::type).orElse(null) != BodyType.STREET_OFFICE) {
            throw ActionRefusedException.forbidden("only a street office may summon (吹哨) district departments");
        }
        final RoutingClass rc = c.snapshot.issue().routingClass();
        if (rc != RoutingClass.ADMINISTRATIVE && rc != RoutingClass.MIXED) {
            throw ActionRefusedException.conflict("summons are for ADMINISTRATIVE or MIXED issues; " + c.id()
                    + " is " + rc);
        }
        c.requireState(IssueState.DISPATCHED, IssueState.IN_PROGRESS);
        final Body dept = helperBody(c);
        if (dept.type() != BodyType.DISTRICT_DEPT) {
            throw ActionRefusedException.badRequest("'body': " + dept.id() + " is not a district department");
        }
        addHelper(c, dept, AssignmentRole.SUMMONED, c.now.plus(SUMMON_ACCEPT));
        c.event(TimelineEventType.SUMMONED, "街道吹哨，部门报到 / Street office summoned " + dept.bilingualName(),
                c.request.internalNote());
    }

    private static Body helperBody(final WorkflowCommand c) {
        final Body body = c.requireBody(c.request.body(), "body");
        if (body.type() == BodyType.SUPERVISION_CENTRE || body.type() == BodyType.PARTY_ORG) {
            throw ActionRefusedException.badRequest("'body': " + body.id() + " supervises and never does the fix");
        }
        if (c.snapshot.activeOf(body.id()).isPresent()) {
            throw ActionRefusedException.conflict("body " + body.id() + " is already assigned to " + c.id());
        }
        return body;
    }

    private static void addHelper(final WorkflowCommand c, final Body body, final AssignmentRole role,
                                  final Instant acceptDue) {
        final long id = c.wtx.insertAssignment(c.id(), new Assignment(body.id(), role,
                AssignmentStatus.PENDING_ACCEPT, c.now, acceptDue, null, null));
        if (acceptDue != null) {
            c.timers.start(c.id(), id, body.id(), TimerKind.ACCEPT, c.now, acceptDue);
        }
        c.alsoNotify(body.id());
    }

    static void completeAssist(final WorkflowCommand c) {
        final AssignmentRow own = c.snapshot.activeOf(c.actor.bodyId()).orElseThrow();
        if (own.assignment().role() == AssignmentRole.LEAD) {
            throw ActionRefusedException.conflict("the lead resolves the issue; complete-assist is for assists");
        }
        if (own.assignment().status() == AssignmentStatus.DONE) {
            throw ActionRefusedException.conflict("body " + own.bodyId() + " already completed its part");
        }
        c.wtx.updateAssignment(own.id(), AssignmentStatus.DONE, c.now, null);
        c.timers.stop(c.id(), own.id(), EnumSet.allOf(TimerKind.class), c.now);
        c.event(TimelineEventType.NOTE, "协办完成 / Assisting part done: " + c.name(own.bodyId()),
                c.request.note());
    }

    static void note(final WorkflowCommand c) {
        final String note = c.requireText(c.request.note(), "note");
        c.event(TimelineEventType.NOTE, c.actor.role().supervises() ? "督查意见 / Supervision remark" : note,
                c.actor.role().supervises() ? note : c.request.internalNote());
    }
}
