// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * What happened in a {@link TimelineEvent} (GOVERNANCE.md §2.1 {@code EventType}). The timeline is append-only;
 * SLA and escalation are computed from it on read. Only some types are produced by this slice; the others are
 * declared so stored timelines keep their meaning as the lifecycle grows.
 */
public enum TimelineEventType {
    /** First observation opened the issue (上报): none → NEW. */
    OPENED,
    /** Accepted for classification (受理): NEW → TRIAGE. */
    TRIAGED,
    /** The platform handles it itself: TRIAGE → AUTO_HANDLING. */
    AUTO_HANDLING_STARTED,
    /** Accepted as a case (立案): → REGISTERED. */
    REGISTERED,
    /** Sent to the lead and assists (派遣): REGISTERED → DISPATCHED. */
    DISPATCHED,
    /** The same device and category raised again; merged into this issue. */
    OCCURRENCE,
    /** A body accepted (签收). */
    ACCEPTED,
    /** The lead returned it with a reason (退回). */
    RETURNED,
    /** An extension was approved (延期). */
    EXTENDED,
    /** Parked (挂账) or taken back from parking. */
    PARKED,
    /** The lead reported it fixed (反馈). */
    RESOLVED,
    /** Verification started (核查), e.g. because the sensor cleared. */
    VERIFICATION_STARTED,
    /** Closed after verification (结案). */
    CLOSED,
    /** Back to work after failed verification or a recurrence (返工 / 重办). */
    REOPENED,
    /** Not accepted as a case. */
    REJECTED,
    /** Merged into another issue. */
    MERGED,
    /** Escalation rung R0 提醒. */
    REMINDED,
    /** Escalation rung R1 黄色预警. */
    YELLOW_WARNING,
    /** Escalation rung R2 红色督办. */
    RED_SUPERVISION,
    /** Escalation rung R3/R4 上报上级. */
    REPORTED_UP,
    /** A street office summoned a district department (吹哨). */
    SUMMONED,
    /** A note without state change (e.g. a 督查意见). */
    NOTE
}
