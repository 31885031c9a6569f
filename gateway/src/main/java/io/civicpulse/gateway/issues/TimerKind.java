// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** The timers of an assignment (GOVERNANCE.md §2.5). */
public enum TimerKind {
    /** 签收: the assignment must be accepted by its deadline. Escalates. */
    ACCEPT(true),
    /** 排除险情: the site must be made safe. Escalates. */
    MAKE_SAFE(true),
    /** 处置: the lead must resolve. Escalates. */
    DISPOSE(true),
    /** 核查: a resolved issue must be verified by the supervision centre. Escalates. */
    VERIFY(true),
    /** The automation's timebox: on expiry the issue falls back to its human route. Does not escalate. */
    AUTO(false),
    /** Telemetry must stay normal this long after a clear; on expiry the issue closes. Does not escalate. */
    SENSOR_VERIFY(false);

    private final boolean escalates;

    TimerKind(final boolean escalates) {
        this.escalates = escalates;
    }

    /** @return true if the ladder R0–R4 runs on this timer; false if only its expiry matters */
    public boolean escalates() {
        return escalates;
    }
}
