// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.Visibility;

import java.time.Instant;
import java.util.Objects;

/**
 * One issue row, as listed by the API. Immutable; Jackson-serialisable (Instants need the jsr310 module).
 *
 * <p>This is the internal view: it carries the device id, which the public (Open311) view must not show.
 *
 * @param id              public id such as {@code SQ-2026-000123}, never null
 * @param community       community (jurisdiction) id, never null
 * @param category        category code, never null
 * @param severity        severity, never null
 * @param routingClass    routing class, never null
 * @param state           current state, never null
 * @param deviceId        device / asset id, or null for reports without an asset
 * @param leadBodyId      current lead body, never null
 * @param occurrenceCount observations merged into the issue, at least 1
 * @param reopenCount     times the issue was reopened
 * @param visibility      public visibility, never null
 * @param openedAt        when the issue was opened, never null
 * @param updatedAt       last change, never null
 * @param acceptDeadline  accept (签收) deadline of the lead, or null when the category has none
 * @param disposeDeadline dispose (处置) deadline, or null before dispatch
 */
public record IssueSummary(String id, String community, String category, Severity severity,
                           RoutingClass routingClass, IssueState state, String deviceId, String leadBodyId,
                           int occurrenceCount, int reopenCount, Visibility visibility, Instant openedAt,
                           Instant updatedAt, Instant acceptDeadline, Instant disposeDeadline) {
    /** @throws NullPointerException if a non-null component is null */
    public IssueSummary {
        Objects.requireNonNull(id, "id must not be null.");
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
        Objects.requireNonNull(severity, "severity must not be null.");
        Objects.requireNonNull(routingClass, "routingClass must not be null.");
        Objects.requireNonNull(state, "state must not be null.");
        Objects.requireNonNull(leadBodyId, "leadBodyId must not be null.");
        Objects.requireNonNull(visibility, "visibility must not be null.");
        Objects.requireNonNull(openedAt, "openedAt must not be null.");
        Objects.requireNonNull(updatedAt, "updatedAt must not be null.");
    }
}
