// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.WorkingCalendar;
import io.civicpulse.gateway.issues.Assignment;
import io.civicpulse.gateway.issues.AssignmentRole;
import io.civicpulse.gateway.issues.AssignmentStatus;
import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.IssueSummary;
import io.civicpulse.gateway.issues.TimelineEvent;
import io.civicpulse.gateway.issues.TimelineEventType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A new issue opened by a resident report, on the same path as a sensor issue: NEW → TRIAGE → AUTO_HANDLING
 * (ROUTINE_AUTO) or NEW → TRIAGE → REGISTERED → DISPATCHED, each step checked by
 * {@link IssueState#requireTransitionTo}, deadlines from dispatch on the working calendar (natural time for
 * CRITICAL), the category's lead and assists pending acceptance.
 *
 * @param issue       the issue row in its final state
 * @param assignments lead first, then assists
 * @param events      the steps in order
 */
record ReportOpening(IssueSummary issue, List<Assignment> assignments, List<TimelineEvent> events) {

    static ReportOpening plan(final String issueId, final ReportRequest r, final String assetId, final Category c,
                              final GovernancePolicy policy, final String internalNote, final Instant now) {
        final WorkingCalendar calendar = policy.calendar();
        final Instant accept = c.acceptWithin() == null ? null : calendar.deadline(now, c.acceptWithin(), c.severity());
        final Instant dispose = calendar.deadline(now, c.disposeWithin(), c.severity());
        final ReportNotes notes = new ReportNotes(policy);
        final String actor = policy.platformBody().id();
        final List<TimelineEvent> events = new ArrayList<>();
        events.add(step(issueId, now, actor, TimelineEventType.OPENED, null, IssueState.NEW, notes.opened(c),
                internalNote));
        events.add(step(issueId, now, actor, TimelineEventType.TRIAGED, IssueState.NEW, IssueState.TRIAGE,
                notes.triaged(), internalNote));
        if (c.routingClass() == RoutingClass.ROUTINE_AUTO) {
            events.add(step(issueId, now, actor, TimelineEventType.AUTO_HANDLING_STARTED, IssueState.TRIAGE,
                    IssueState.AUTO_HANDLING, notes.autoHandling(c), internalNote));
        } else {
            events.add(step(issueId, now, actor, TimelineEventType.REGISTERED, IssueState.TRIAGE,
                    IssueState.REGISTERED, notes.registered(), internalNote));
            events.add(step(issueId, now, actor, TimelineEventType.DISPATCHED, IssueState.REGISTERED,
                    IssueState.DISPATCHED, notes.dispatched(c, dispose), internalNote + "; " + c.routingClass()
                            + ": lead " + c.leadBodyId() + ", assists " + c.assistBodyIds()));
        }
        final IssueState state = events.get(events.size() - 1).toState();
        final IssueSummary issue = new IssueSummary(issueId, r.community(), c.code(), c.severity(), c.routingClass(),
                state, assetId, c.leadBodyId(), 1, 0, c.visibility(), now, now, accept, dispose);
        return new ReportOpening(issue, assignments(c, now, accept), List.copyOf(events));
    }

    private static TimelineEvent step(final String issueId, final Instant at, final String actor,
                                      final TimelineEventType type, final IssueState from, final IssueState to,
                                      final String publicNote, final String internalNote) {
        if (from != null) {
            from.requireTransitionTo(to);
        }
        return new TimelineEvent(0, issueId, at, type, actor, from, to, publicNote, internalNote);
    }

    private static List<Assignment> assignments(final Category c, final Instant now, final Instant accept) {
        final List<Assignment> out = new ArrayList<>();
        out.add(new Assignment(c.leadBodyId(), AssignmentRole.LEAD, AssignmentStatus.PENDING_ACCEPT, now, accept,
                null, null));
        for (final String assist : c.assistBodyIds()) {
            out.add(new Assignment(assist, AssignmentRole.ASSIST, AssignmentStatus.PENDING_ACCEPT, now, accept,
                    null, null));
        }
        return out;
    }
}
