// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * An issue on the supervision centre's list: warned, under supervision, reported up or overdue. Immutable.
 *
 * @param issue       the issue
 * @param supervision highest escalation reached (NONE, REMINDED, YELLOW, RED, REPORTED_UP)
 * @param overdue     whether the dispose deadline has passed while the issue is still being worked on
 * @param leadLocked  whether the lead is locked
 * @param pending     a pending EXTENSION or PARK request waiting for approval, or null
 */
public record SupervisionItem(IssueSummary issue, String supervision, boolean overdue, boolean leadLocked,
                              String pending) {
}
