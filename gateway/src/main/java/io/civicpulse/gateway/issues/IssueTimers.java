// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.RoutingClass;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * Timers the anomaly path starts and stops (the commands have their own in {@link WorkflowCommand}): dispatch
 * timers when an issue opens, sensor verification on a clear, a new dispose cycle on a recurrence.
 */
final class IssueTimers {
    private IssueTimers() {
    }

    /** Inserts the planned assignments and starts their timers: ACCEPT each; lead MAKE_SAFE + DISPOSE, or AUTO. */
    static void dispatch(final JdbcIssueTransaction tx, final IssueOpening opening, final Category c,
                         final Instant now) {
        final JdbcWorkflowTransaction w = tx.workflow();
        final String id = opening.issue().id();
        final List<Assignment> assignments = opening.assignments();
        for (int i = 0; i < assignments.size(); i++) {
            final Assignment a = assignments.get(i);
            final long assignmentId = w.insertAssignment(id, a);
            if (a.acceptDeadline() != null) {
                w.timers().start(id, assignmentId, a.bodyId(), TimerKind.ACCEPT, now, a.acceptDeadline());
            }
            if (i > 0) {
                continue;
            }
            final TimerKind main = c.routingClass() == RoutingClass.ROUTINE_AUTO ? TimerKind.AUTO : TimerKind.DISPOSE;
            w.timers().start(id, assignmentId, a.bodyId(), main, now, opening.issue().disposeDeadline());
            if (c.makeSafeWithin() != null && main == TimerKind.DISPOSE) {
                w.timers().start(id, assignmentId, a.bodyId(), TimerKind.MAKE_SAFE, now, opening.makeSafeDeadline());
            }
        }
    }

    /** A clear: the work timers stop and telemetry must stay normal for the sensor window. */
    static void sensorVerification(final JdbcIssueTransaction tx, final String issueId,
                                   final GovernancePolicy policy, final Instant now) {
        final JdbcTimerTransaction t = tx.workflow().timers();
        t.stop(issueId, null, EnumSet.of(TimerKind.ACCEPT, TimerKind.MAKE_SAFE, TimerKind.DISPOSE, TimerKind.AUTO,
                TimerKind.VERIFY, TimerKind.SENSOR_VERIFY), now);
        tx.workflow().load(issueId).flatMap(IssueSnapshot::lead).ifPresent(lead -> t.start(issueId, lead.id(),
                lead.bodyId(), TimerKind.SENSOR_VERIFY, now,
                now.plus(policy.escalation().sensorVerifyWindow().toNaturalDuration())));
    }

    /** A recurrence reopened the issue: verification stops, the lead gets a new dispose cycle. */
    static void reopened(final JdbcIssueTransaction tx, final String issueId, final Category c,
                         final GovernancePolicy policy, final Instant now) {
        final JdbcTimerTransaction t = tx.workflow().timers();
        t.stop(issueId, null, EnumSet.allOf(TimerKind.class), now);
        final Instant due = policy.calendar().deadline(now, c.disposeWithin(), c.severity());
        tx.workflow().load(issueId).flatMap(IssueSnapshot::lead).ifPresent(lead ->
                t.start(issueId, lead.id(), lead.bodyId(), TimerKind.DISPOSE, now, due));
        tx.workflow().set(issueId, JdbcWorkflowTransaction.Column.DISPOSE_DEADLINE, due);
        tx.workflow().set(issueId, JdbcWorkflowTransaction.Column.CLOSURE_REASON, null);
    }
}
