// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.TimelineEvent;
import io.civicpulse.gateway.issues.TimelineEventType;

import java.util.List;

/** Public state labels and Open311 status of GOVERNANCE.md §2.2's table. Thread-safe. */
public final class PublicStates {
    private PublicStates() {
    }

    /**
     * @param state    the issue's state
     * @param timeline its timeline (a REOPENED step shows as 重办 / Reopened while in progress)
     * @return the public label
     */
    public static Bilingual label(final IssueState state, final List<TimelineEvent> timeline) {
        if (state == IssueState.IN_PROGRESS && lastStateChange(timeline) == TimelineEventType.REOPENED) {
            return new Bilingual("重办", "Reopened");
        }
        return label(state);
    }

    /** @return the label of a state on its own (no reopen detection) */
    public static Bilingual label(final IssueState state) {
        return switch (state) {
            case NEW, TRIAGE -> new Bilingual("已受理", "Received");
            case AUTO_HANDLING -> new Bilingual("平台自动处置中", "Auto-handling");
            case REGISTERED -> new Bilingual("已立案", "Registered");
            case DISPATCHED -> new Bilingual("已派遣待签收", "Dispatched");
            case IN_PROGRESS -> new Bilingual("处置中", "In progress");
            case PARKED -> new Bilingual("挂账", "Parked");
            case RESOLVED, VERIFYING -> new Bilingual("待核查", "Awaiting verification");
            case CLOSED -> new Bilingual("已办结", "Fixed");
            case REJECTED -> new Bilingual("不予立案", "Not accepted");
            case MERGED -> new Bilingual("重复问题", "Duplicate");
        };
    }

    /**
     * @param state an issue state
     * @return Open311 {@code status}: {@code closed} for CLOSED, REJECTED and MERGED, else {@code open}
     */
    public static String open311Status(final IssueState state) {
        return state.isOpen() ? "open" : "closed";
    }

    private static TimelineEventType lastStateChange(final List<TimelineEvent> timeline) {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            final TimelineEvent e = timeline.get(i);
            if (e.fromState() != e.toState()) {
                return e.type();
            }
        }
        return null;
    }
}
