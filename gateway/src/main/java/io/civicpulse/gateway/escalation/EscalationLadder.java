// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.escalation;

import io.civicpulse.gateway.governance.EscalationPolicy;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.WorkingCalendar;
import io.civicpulse.gateway.issues.RunningTimer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each rung of one timer is due (GOVERNANCE.md §2.5): R0 at remindPercent of the window, R1 at yellowPercent,
 * R2 at the deadline, R3 one grace after it, R4_k every further grace (k = 1 … maxLoops − 1). The percentages are
 * of the natural time between start and deadline; the grace runs on the working calendar (natural for CRITICAL).
 * Timers that do not escalate have one rung, EXPIRE, at the deadline. Stateless and thread-safe.
 */
final class EscalationLadder {
    private final EscalationPolicy policy;
    private final WorkingCalendar calendar;

    EscalationLadder(final EscalationPolicy policy, final WorkingCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
    }

    /** A rung and when it is due. */
    record Rung(String name, Instant dueAt) {
    }

    List<Rung> rungs(final RunningTimer t, final Severity severity) {
        final List<Rung> out = new ArrayList<>();
        if (!t.kind().escalates()) {
            out.add(new Rung("EXPIRE", t.dueAt()));
            return out;
        }
        final Duration window = Duration.between(t.startedAt(), t.dueAt());
        out.add(new Rung("R0", t.startedAt().plus(window.multipliedBy(policy.remindPercent()).dividedBy(100))));
        out.add(new Rung("R1", t.startedAt().plus(window.multipliedBy(policy.yellowPercent()).dividedBy(100))));
        out.add(new Rung("R2", t.dueAt()));
        Instant at = calendar.deadline(t.dueAt(), policy.graceFor(severity), severity);
        out.add(new Rung("R3", at));
        for (int k = 1; k < policy.maxLoops(); k++) {
            at = calendar.deadline(at, policy.graceFor(severity), severity);
            out.add(new Rung("R4_" + k, at));
        }
        return out;
    }

    List<Rung> due(final RunningTimer t, final Severity severity, final Instant now) {
        return rungs(t, severity).stream().filter(r -> !r.dueAt().isAfter(now)).toList();
    }
}
