// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Instant;
import java.util.Objects;

/**
 * A body assigned to an issue. Immutable; Jackson-serialisable.
 *
 * @param bodyId         assigned body, never null
 * @param role           lead, assist or summoned, never null
 * @param status         progress, never null
 * @param dispatchedAt   when it was dispatched, never null
 * @param acceptDeadline this assignment's accept (签收) deadline, or null without accept timer
 * @param acceptedAt     when it was accepted, or null
 * @param doneAt         when the body's part was done, or null
 */
public record Assignment(String bodyId, AssignmentRole role, AssignmentStatus status, Instant dispatchedAt,
                         Instant acceptDeadline, Instant acceptedAt, Instant doneAt) {
    /** @throws NullPointerException if a non-null component is null */
    public Assignment {
        Objects.requireNonNull(bodyId, "bodyId must not be null.");
        Objects.requireNonNull(role, "role must not be null.");
        Objects.requireNonNull(status, "status must not be null.");
        Objects.requireNonNull(dispatchedAt, "dispatchedAt must not be null.");
    }
}
