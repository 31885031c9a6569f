// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.WorkingCalendar;
import io.civicpulse.rules.model.Anomaly;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What opening an issue writes, decided without the database: the row, the assignments and the timeline steps
 * NEW → TRIAGE → AUTO_HANDLING (ROUTINE_AUTO) or NEW → TRIAGE → REGISTERED → DISPATCHED (everything else), each
 * step checked against {@link IssueState#requireTransitionTo}. Deadlines run from the dispatch time (数字城管 starts
 * the clock at 派遣) on the working calendar, natural time for CRITICAL. Thread-safe.
 *
 * @param issue       the issue row in its final state
 * @param assignments lead, then assists, all pending acceptance
 * @param events      the steps in order
 * @param makeSafeDeadline the lead's make-safe deadline, or null
 */
record IssueOpening(IssueSummary issue, List<Assignment> assignments, List<TimelineEvent> events,
                    Instant makeSafeDeadline) {

    static IssueOpening plan(final String issueId, final Anomaly a, final Category c, final GovernancePolicy policy,
                             final Instant now) {
        final WorkingCalendar calendar = policy.calendar();
        final Instant accept = c.acceptWithin() == null ? null : calendar.deadline(now, c.acceptWithin(), c.severity());
        final Instant dispose = calendar.deadline(now, c.disposeWithin(), c.severity());
        final IssueNotes notes = new IssueNotes(policy);
        final Steps steps = new Steps(issueId, now, policy.platformBody().id(), notes.evidence(a));
        steps.add(TimelineEventType.OPENED, null, IssueState.NEW, notes.opened(c));
        steps.add(TimelineEventType.TRIAGED, IssueState.NEW, IssueState.TRIAGE, notes.triaged());
        if (c.routingClass() == RoutingClass.ROUTINE_AUTO) {
            steps.add(TimelineEventType.AUTO_HANDLING_STARTED, IssueState.TRIAGE, IssueState.AUTO_HANDLING,
                    notes.autoHandling(c), notes.dispatchedInternal(c, accept, dispose));
        } else {
            steps.add(TimelineEventType.REGISTERED, IssueState.TRIAGE, IssueState.REGISTERED, notes.registered());
            steps.add(TimelineEventType.DISPATCHED, IssueState.REGISTERED, IssueState.DISPATCHED,
                    notes.dispatched(c, dispose), notes.dispatchedInternal(c, accept, dispose));
        }
        final IssueSummary issue = new IssueSummary(issueId, a.community(), c.code(), c.severity(),
                c.routingClass(), steps.state, a.deviceId(), c.leadBodyId(), 1, 0, c.visibility(), now, now, accept,
                dispose);
        final Instant makeSafe = c.makeSafeWithin() == null ? null
                : calendar.deadline(now, c.makeSafeWithin(), c.severity());
        return new IssueOpening(issue, assignments(c, now, accept), steps.events, makeSafe);
    }

    private static List<Assignment> assignments(final Category c, final Instant now, final Instant accept) {
        final List<Assignment> out = new ArrayList<>();
        out.add(new Assignment(c.leadBodyId(), AssignmentRole.LEAD, AssignmentStatus.PENDING_ACCEPT, now, accept,
                null, null));
        // GOVERNANCE.md §2.4.6: each assist has its own accept timer; same limit as the lead for now.
        for (final String assist : c.assistBodyIds()) {
            out.add(new Assignment(assist, AssignmentRole.ASSIST, AssignmentStatus.PENDING_ACCEPT, now, accept,
                    null, null));
        }
        return out;
    }

    /** @return every assigned body id, lead first */
    List<String> bodyIds() {
        return assignments.stream().map(Assignment::bodyId).toList();
    }

    /** @return the last step, the one reported to listeners */
    TimelineEvent lastEvent() {
        return events.get(events.size() - 1);
    }

    /** Accumulates steps, checking each transition. Not thread-safe; local to one plan. */
    private static final class Steps {
        private final String issueId;
        private final Instant at;
        private final String actor;
        private final String evidence;
        private final List<TimelineEvent> events = new ArrayList<>();
        private IssueState state;

        Steps(final String issueId, final Instant at, final String actor, final String evidence) {
            this.issueId = issueId;
            this.at = at;
            this.actor = actor;
            this.evidence = evidence;
        }

        void add(final TimelineEventType type, final IssueState from, final IssueState to, final String publicNote) {
            append(type, from, to, publicNote, evidence);
        }

        /** A step with its own internal note (routing, deadlines); the evidence is kept after it. */
        void add(final TimelineEventType type, final IssueState from, final IssueState to, final String publicNote,
                 final String internalNote) {
            append(type, from, to, publicNote, internalNote + " | " + evidence);
        }

        private void append(final TimelineEventType type, final IssueState from, final IssueState to,
                            final String publicNote, final String internalNote) {
            if (from != null) {
                from.requireTransitionTo(to);
            }
            events.add(new TimelineEvent(0, issueId, at, type, actor, from, to, publicNote, internalNote));
            state = to;
        }
    }
}
