// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * An assignment with its database id and return reason, as workflow commands see it. Immutable.
 *
 * @param id           database id (timers and rungs refer to it)
 * @param assignment   the assignment, never null
 * @param returnReason why it was returned (退回), or null
 */
public record AssignmentRow(long id, Assignment assignment, String returnReason) {
    /** @return true while the assignment still counts (not returned; a DONE assist still counts) */
    public boolean active() {
        return assignment.status() != AssignmentStatus.RETURNED;
    }

    /** @return the assigned body id */
    public String bodyId() {
        return assignment.bodyId();
    }
}
