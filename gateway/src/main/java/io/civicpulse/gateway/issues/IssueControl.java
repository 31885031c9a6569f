// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Instant;

/**
 * The workflow columns of an issue (V2 migration): what commands check besides state. Immutable.
 *
 * @param version        optimistic version; every command bumps it
 * @param returnCount    returns (退回) so far
 * @param leadLocked     whether the lead may no longer return the issue (locked by supervision or 兜底)
 * @param supervision    NONE, REMINDED, YELLOW, RED or REPORTED_UP
 * @param closureReason  why it was closed or rejected, or null
 * @param duplicateOf    the issue it was merged into, or null
 * @param adminDecision  HANDLE or DISPATCH_DOWN for a decided ADMINISTRATIVE issue, or null
 * @param pendingRequest EXTENSION or PARK while a lead's request waits for supervision, or null
 * @param pendingUntil   requested new deadline or review date, or null
 * @param pendingReason  the request's reason, or null
 * @param resolvedAt     when the lead last reported it fixed, or null
 * @param closedAt       when it was last closed, or null
 */
public record IssueControl(long version, int returnCount, boolean leadLocked, String supervision,
                           String closureReason, String duplicateOf, String adminDecision, String pendingRequest,
                           Instant pendingUntil, String pendingReason, Instant resolvedAt, Instant closedAt) {
    /** Column list read by {@link JdbcWorkflowTransaction}. */
    static final String COLUMNS = "version, return_count, lead_locked, supervision, closure_reason, duplicate_of, "
            + "admin_decision, pending_request, pending_until, pending_reason, resolved_at, closed_at";
}
