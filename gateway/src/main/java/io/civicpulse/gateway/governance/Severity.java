// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

/** Issue severity, ThingsBoard levels (GOVERNANCE.md §2.3); declared from most to least severe. */
public enum Severity {
    /** Danger to people: timers always run on natural time. */
    CRITICAL,
    /** Service broken for many. */
    MAJOR,
    /** Service degraded. */
    MINOR,
    /** Informational (ThingsBoard WARNING/INDETERMINATE). */
    INFO;

    /**
     * Whether this severity is at most (no more severe than) {@code other}.
     *
     * @param other the severity to compare with, never null
     * @return true if {@code this} is as severe as or less severe than {@code other}
     */
    public boolean isAtMost(final Severity other) {
        return compareTo(other) >= 0;
    }
}
