// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of an issue: 数字城管's seven steps plus the side exits (GOVERNANCE.md §2.2).
 *
 * <p>{@link #canTransitionTo} is the complete transition table; every state change goes through it.
 */
public enum IssueState {
    /** Just observed (上报). */
    NEW,
    /** Being classified, deduplicated and checked (受理). */
    TRIAGE,
    /** The platform handles it itself within a timebox (remote action, automatic work order). */
    AUTO_HANDLING,
    /** Accepted as a case (立案); waiting for routing (for ADMINISTRATIVE: the district staff decision). */
    REGISTERED,
    /** Sent to a lead body (派遣); the accept timer runs. */
    DISPATCHED,
    /** The lead accepted (签收) and is working on it (处置). */
    IN_PROGRESS,
    /** Approved to wait for funds or works (挂账); SLA paused. */
    PARKED,
    /** The lead reported it fixed with evidence (反馈). */
    RESOLVED,
    /** Being verified (核查): by the sensor (clear) or a person. */
    VERIFYING,
    /** Verified and closed (结案); can be reopened (重办). */
    CLOSED,
    /** Not accepted as a case (不予立案/注销). Terminal. */
    REJECTED,
    /** Duplicate of another issue (合并). Terminal. */
    MERGED;

    /*
     * From GOVERNANCE.md §2.2, plus §2.6: "an alarm clear moves the issue to VERIFYING" from any working state,
     * because a sensor that reports normal again is verification evidence whoever was handling it.
     * IN_PROGRESS -> IN_PROGRESS is an approved extension (延期, deadline moved).
     */
    private static final Map<IssueState, Set<IssueState>> NEXT = Map.ofEntries(
            Map.entry(NEW, EnumSet.of(TRIAGE)),
            Map.entry(TRIAGE, EnumSet.of(REJECTED, MERGED, AUTO_HANDLING, REGISTERED)),
            Map.entry(AUTO_HANDLING, EnumSet.of(VERIFYING, REGISTERED)),
            Map.entry(REGISTERED, EnumSet.of(DISPATCHED, VERIFYING)),
            Map.entry(DISPATCHED, EnumSet.of(IN_PROGRESS, REGISTERED, VERIFYING)),
            Map.entry(IN_PROGRESS, EnumSet.of(IN_PROGRESS, REGISTERED, PARKED, RESOLVED, VERIFYING)),
            Map.entry(PARKED, EnumSet.of(IN_PROGRESS, VERIFYING)),
            Map.entry(RESOLVED, EnumSet.of(VERIFYING)),
            Map.entry(VERIFYING, EnumSet.of(CLOSED, IN_PROGRESS)),
            Map.entry(CLOSED, EnumSet.of(IN_PROGRESS)),
            Map.entry(REJECTED, EnumSet.noneOf(IssueState.class)),
            Map.entry(MERGED, EnumSet.noneOf(IssueState.class)));

    /**
     * @param next the state to move to, never null
     * @return true if GOVERNANCE.md §2.2 allows moving from this state to {@code next}
     */
    public boolean canTransitionTo(final IssueState next) {
        return NEXT.get(this).contains(next);
    }

    /**
     * @param next the state to move to, never null
     * @return {@code next}, for chaining
     * @throws IllegalTransitionException if the move is not allowed
     */
    public IssueState requireTransitionTo(final IssueState next) {
        if (!canTransitionTo(next)) {
            throw new IllegalTransitionException(this, next);
        }
        return next;
    }

    /**
     * Whether the issue still counts as open: it holds the device+category open key, so new observations merge
     * into it. CLOSED, REJECTED and MERGED are not open (a CLOSED issue may still be reopened explicitly).
     *
     * @return true for every state but CLOSED, REJECTED and MERGED
     */
    public boolean isOpen() {
        return this != CLOSED && this != REJECTED && this != MERGED;
    }

    /** @return true for REJECTED and MERGED, which have no way out */
    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }
}
