// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.auth.Actor;
import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.TimeLimit;
import io.civicpulse.gateway.issues.JdbcWorkflowTransaction.Column;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One workflow command in progress: the transaction, the issue as read, who acts, the request and the helpers every
 * command shares (state moves through {@link IssueState#requireTransitionTo}, timeline events, dispatch with
 * timers). Not thread-safe; lives for one transaction.
 */
final class WorkflowCommand {
    final JdbcIssueTransaction tx;
    final JdbcWorkflowTransaction wtx;
    final JdbcTimerTransaction timers;
    final IssueSnapshot snapshot;
    final Actor actor;
    final ActionRequest request;
    final Instant now;
    final GovernancePolicy policy;
    final Category category;
    private final Set<String> extraRecipients = new LinkedHashSet<>();
    private IssueState state;
    private TimelineEvent last;

    WorkflowCommand(final JdbcIssueTransaction tx, final IssueSnapshot snapshot, final Actor actor,
                    final ActionRequest request, final Instant now, final GovernancePolicy policy) {
        this.tx = tx;
        this.wtx = tx.workflow();
        this.timers = wtx.timers();
        this.snapshot = snapshot;
        this.actor = actor;
        this.request = request;
        this.now = now;
        this.policy = policy;
        this.category = policy.category(snapshot.issue().category()).orElseThrow(() ->
                ActionRefusedException.conflict("category " + snapshot.issue().category()
                        + " of issue " + snapshot.id() + " is no longer in the governance policy"));
        this.state = snapshot.state();
    }

    String id() {
        return snapshot.id();
    }

    IssueState state() {
        return state;
    }

    Severity severity() {
        return snapshot.issue().severity();
    }

    /** Moves the issue and records the step; the state check happens in {@link JdbcIssueTransaction#updateState}. */
    void move(final IssueState to, final TimelineEventType type, final String publicNote, final String internal) {
        tx.updateState(id(), state, to, now);
        append(type, state, to, publicNote, internal);
        state = to;
    }

    /** Records a step without a state change. */
    void event(final TimelineEventType type, final String publicNote, final String internal) {
        append(type, state, state, publicNote, internal);
    }

    private void append(final TimelineEventType type, final IssueState from, final IssueState to,
                        final String publicNote, final String internal) {
        final String who = "by " + actor.username() + " (" + actor.role() + ")";
        last = new TimelineEvent(0, id(), now, type, actor.bodyId(), from, to, publicNote,
                internal == null || internal.isBlank() ? who : internal + " | " + who);
        tx.appendEvent(last);
    }

    /** Also alert these bodies (supervision, parents) besides the assigned ones. */
    void alsoNotify(final String bodyId) {
        extraRecipients.add(bodyId);
    }

    String requireText(final String value, final String field) {
        if (value == null || value.isBlank()) {
            throw ActionRefusedException.badRequest("'" + field + "' is required for this action");
        }
        return value.trim();
    }

    void requireState(final IssueState... allowed) {
        for (final IssueState s : allowed) {
            if (state == s) {
                return;
            }
        }
        throw ActionRefusedException.conflict("issue " + id() + " is " + state + "; this action needs "
                + List.of(allowed));
    }

    Body requireBody(final String bodyId, final String field) {
        return policy.body(requireText(bodyId, field)).orElseThrow(() ->
                ActionRefusedException.badRequest("'" + field + "': '" + bodyId + "' is not a body of the policy"));
    }

    String name(final String bodyId) {
        return policy.body(bodyId).map(Body::bilingualName).orElse(bodyId);
    }

    Instant deadline(final TimeLimit limit) {
        return limit == null ? null : policy.calendar().deadline(now, limit, severity());
    }

    /**
     * Dispatches to a new lead (REGISTERED → DISPATCHED): LEAD assignment, accept/make-safe/dispose timers of a new
     * cycle, deadlines on the issue row.
     */
    long dispatchTo(final String bodyId, final TimeLimit accept, final TimeLimit dispose, final String publicNote,
                    final String internal) {
        final Instant acceptDue = deadline(accept);
        final Instant disposeDue = deadline(dispose);
        final long assignmentId = wtx.insertAssignment(id(), new Assignment(bodyId, AssignmentRole.LEAD,
                AssignmentStatus.PENDING_ACCEPT, now, acceptDue, null, null));
        wtx.set(id(), Column.LEAD_BODY_ID, bodyId);
        wtx.set(id(), Column.ACCEPT_DEADLINE, acceptDue);
        wtx.set(id(), Column.DISPOSE_DEADLINE, disposeDue);
        wtx.set(id(), Column.SUPERVISION, "NONE");
        if (acceptDue != null) {
            timers.start(id(), assignmentId, bodyId, TimerKind.ACCEPT, now, acceptDue);
        }
        if (category.makeSafeWithin() != null) {
            timers.start(id(), assignmentId, bodyId, TimerKind.MAKE_SAFE, now, deadline(category.makeSafeWithin()));
        }
        timers.start(id(), assignmentId, bodyId, TimerKind.DISPOSE, now, disposeDue);
        move(IssueState.DISPATCHED, TimelineEventType.DISPATCHED, publicNote, internal);
        alsoNotify(bodyId);
        return assignmentId;
    }

    /** Starts a new DISPOSE cycle for the lead (reopen, failed verification), from now. */
    void restartDispose(final AssignmentRow lead) {
        timers.stop(id(), null, EnumSet.of(TimerKind.VERIFY, TimerKind.SENSOR_VERIFY, TimerKind.DISPOSE), now);
        final Instant due = deadline(category.disposeWithin());
        timers.start(id(), lead.id(), lead.bodyId(), TimerKind.DISPOSE, now, due);
        wtx.set(id(), Column.DISPOSE_DEADLINE, due);
        wtx.set(id(), Column.SUPERVISION, "NONE");
    }

    /**
     * Starts verification after a fix: sensor-backed MINOR and INFO issues verify themselves (telemetry must stay
     * normal for the window, then the platform closes); everything else waits for the supervision centre.
     */
    void startVerification(final AssignmentRow lead) {
        timers.stop(id(), null, EnumSet.of(TimerKind.ACCEPT, TimerKind.MAKE_SAFE, TimerKind.DISPOSE,
                TimerKind.AUTO), now);
        final boolean sensor = snapshot.issue().deviceId() != null
                && (severity() == Severity.MINOR || severity() == Severity.INFO);
        if (sensor) {
            timers.start(id(), lead.id(), lead.bodyId(), TimerKind.SENSOR_VERIFY, now,
                    now.plus(policy.escalation().sensorVerifyWindow().toNaturalDuration()));
        } else {
            timers.start(id(), lead.id(), lead.bodyId(), TimerKind.VERIFY, now, deadline(category.verifyWithin()));
            policy.firstBodyOfType(io.civicpulse.gateway.governance.BodyType.SUPERVISION_CENTRE)
                    .ifPresent(b -> alsoNotify(b.id()));
        }
    }

    AssignmentRow requireLead() {
        return snapshot.lead().orElseThrow(() -> ActionRefusedException.conflict("issue " + id()
                + " has no active lead (it is " + state + ")"));
    }

    /** @return the event for listeners, or null if the command recorded nothing */
    IssueEvent issueEvent() {
        if (last == null) {
            return null;
        }
        final List<String> bodies = new ArrayList<>(new LinkedHashSet<>(tx.assignedBodyIds(id())));
        extraRecipients.stream().filter(b -> !bodies.contains(b)).forEach(bodies::add);
        final IssueSummary i = snapshot.issue();
        return new IssueEvent(i.id(), i.community(), i.category(), i.severity().name(), state.name(),
                last.type().name(), bodies, i.deviceId(), now, i.disposeDeadline(), last.publicNote());
    }
}
