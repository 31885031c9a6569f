// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** Progress of one assignment (GOVERNANCE.md §2.1). */
public enum AssignmentStatus {
    /** Dispatched, not yet accepted (签收); the accept timer runs. */
    PENDING_ACCEPT,
    /** Accepted. */
    ACCEPTED,
    /** Returned with a reason (退回). */
    RETURNED,
    /** The body's part is done. */
    DONE
}
