// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A committed change of an issue, for alerting ({@code cp/{community}/alerts/{bodyId}} for each body). Immutable.
 *
 * <p>One event per committed transaction: it describes the last timeline step of that transaction (opening an
 * issue records NEW → TRIAGE → REGISTERED → DISPATCHED and reports DISPATCHED).
 *
 * @param issueId         issue id, never null
 * @param community       community, never null
 * @param category        category code, never null
 * @param severity        severity name, never null
 * @param state           state after the change, never null
 * @param eventType       {@link TimelineEventType} name, never null
 * @param bodyIds         every assigned body, lead first, copied, never null
 * @param deviceId        device id, or null
 * @param at              when it happened, never null
 * @param disposeDeadline dispose deadline, or null
 * @param publicNote      public note of the step, or null
 */
public record IssueEvent(String issueId, String community, String category, String severity, String state,
                         String eventType, List<String> bodyIds, String deviceId, Instant at,
                         Instant disposeDeadline, String publicNote) {
    /** @throws NullPointerException if a non-null component is null */
    public IssueEvent {
        Objects.requireNonNull(issueId, "issueId must not be null.");
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(category, "category must not be null.");
        Objects.requireNonNull(severity, "severity must not be null.");
        Objects.requireNonNull(state, "state must not be null.");
        Objects.requireNonNull(eventType, "eventType must not be null.");
        bodyIds = List.copyOf(Objects.requireNonNull(bodyIds, "bodyIds must not be null."));
        Objects.requireNonNull(at, "at must not be null.");
    }
}
