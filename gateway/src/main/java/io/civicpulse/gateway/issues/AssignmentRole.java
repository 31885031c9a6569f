// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** A body's role on an issue (GOVERNANCE.md §2.1). */
public enum AssignmentRole {
    /** 牵头: exactly one active lead per issue. */
    LEAD,
    /** 协办: assisting body. */
    ASSIST,
    /** 吹哨: a district department summoned by the street office. */
    SUMMONED,
    /** 上报上级: a parent body that received an escalation report (R3/R4) and now co-owns the issue. */
    REPORTED_TO
}
