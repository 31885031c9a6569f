// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.Automation;
import io.civicpulse.gateway.governance.Body;
import io.civicpulse.gateway.governance.BodyType;
import io.civicpulse.gateway.governance.TimeLimit;
import io.civicpulse.gateway.issues.JdbcWorkflowTransaction.Column;

import java.util.EnumSet;
import java.util.List;

/**
 * What a fired rung or an expired timer does (GOVERNANCE.md §2.5 and §2.4 step 3). Runs inside the transaction that
 * recorded the rung, so the effect happens exactly once.
 */
final class EscalationRungs {
    private EscalationRungs() {
    }

    static void rung(final WorkflowCommand c, final RunningTimer t, final String rung) {
        final String internal = rung + " on the " + t.kind() + " timer (cycle " + t.cycle() + ", due " + t.dueAt()
                + ") of " + t.bodyId();
        switch (rung) {
            case "R0" -> {
                raise(c, "REMINDED");
                c.event(TimelineEventType.REMINDED, null, internal);
                c.alsoNotify(t.bodyId());
            }
            case "R1" -> {
                raise(c, "YELLOW");
                c.event(TimelineEventType.YELLOW_WARNING, null, internal);
                notifyWatchers(c);
            }
            case "R2" -> {
                raise(c, "RED");
                c.event(TimelineEventType.RED_SUPERVISION, "已超期·督办中 / Overdue, under supervision: "
                        + c.name(t.bodyId()), internal);
                notifyWatchers(c);
            }
            default -> reportUp(c, t, rung, internal);
        }
    }

    /** R3 (level 0) and R4_k (level k): report to the k-th body up the chain, ending at the district. */
    private static void reportUp(final WorkflowCommand c, final RunningTimer t, final String rung,
                                 final String internal) {
        final int level = "R3".equals(rung) ? 0 : Integer.parseInt(rung.substring(3));
        final List<Body> chain = c.policy.reportingChain(t.bodyId());
        if (level >= chain.size()) {
            return;
        }
        final Body parent = chain.get(level);
        if (c.snapshot.activeOf(parent.id()).isEmpty()) {
            c.wtx.insertAssignment(c.id(), new Assignment(parent.id(), AssignmentRole.REPORTED_TO,
                    AssignmentStatus.PENDING_ACCEPT, c.now, null, null, null));
        }
        raise(c, "REPORTED_UP");
        c.event(TimelineEventType.REPORTED_UP, "已上报上级（" + parent.nameZh() + "） / Reported up to "
                + parent.nameEn(), internal);
        c.alsoNotify(parent.id());
        notifyWatchers(c);
    }

    private static void raise(final WorkflowCommand c, final String level) {
        final List<String> order = List.of("NONE", "REMINDED", "YELLOW", "RED", "REPORTED_UP");
        if (order.indexOf(level) > order.indexOf(c.snapshot.control().supervision())) {
            c.wtx.set(c.id(), Column.SUPERVISION, level);
        }
    }

    private static void notifyWatchers(final WorkflowCommand c) {
        c.policy.bodies().values().stream()
                .filter(b -> b.type() == BodyType.SUPERVISION_CENTRE || b.type() == BodyType.PARTY_ORG)
                .forEach(b -> c.alsoNotify(b.id()));
    }

    /** The automation failed or its timebox ended: AUTO_HANDLING → REGISTERED → DISPATCHED to the human route. */
    static void autoFallback(final WorkflowCommand c, final String why) {
        c.requireState(IssueState.AUTO_HANDLING);
        final Automation auto = c.policy.automation(c.category.code()).orElse(null);
        final String lead = auto == null ? c.category.leadBodyId() : auto.fallbackLead();
        final TimeLimit accept = auto == null ? c.category.acceptWithin() : auto.acceptWithin();
        final TimeLimit dispose = auto == null ? c.category.disposeWithin() : auto.disposeWithin();
        c.timers.stop(c.id(), null, EnumSet.allOf(TimerKind.class), c.now);
        c.snapshot.lead().ifPresent(old -> c.wtx.updateAssignment(old.id(), AssignmentStatus.DONE, c.now, null));
        c.move(IssueState.REGISTERED, TimelineEventType.REGISTERED,
                "平台自动处置未成功，转人工处置 / Automation did not fix it; handed to staff", why);
        c.dispatchTo(lead, accept, dispose, "已派遣 / Dispatched to " + c.name(lead), "human route after "
                + "automation: " + why);
    }
}
