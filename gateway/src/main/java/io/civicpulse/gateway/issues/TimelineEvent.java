// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Instant;
import java.util.Objects;

/**
 * One append-only entry of an issue's timeline. Immutable; Jackson-serialisable.
 *
 * <p>{@code internalNote} holds evidence (rule id, anomaly detail, device id) and must never be shown publicly;
 * the public view uses {@code publicNote} only.
 *
 * @param id           database id, increasing in insertion order; 0 before it is stored
 * @param issueId      issue id, never null
 * @param at           when it happened, never null
 * @param type         what happened, never null
 * @param actorBodyId  body that acted (platform ops for automatic steps), or null
 * @param fromState    state before, or null when the issue did not exist yet
 * @param toState      state after, or null for events without state (never null in this slice)
 * @param publicNote   bilingual note for residents, or null
 * @param internalNote evidence for staff, or null
 */
public record TimelineEvent(long id, String issueId, Instant at, TimelineEventType type, String actorBodyId,
                            IssueState fromState, IssueState toState, String publicNote, String internalNote) {
    /** @throws NullPointerException if {@code issueId}, {@code at} or {@code type} is null */
    public TimelineEvent {
        Objects.requireNonNull(issueId, "issueId must not be null.");
        Objects.requireNonNull(at, "at must not be null.");
        Objects.requireNonNull(type, "type must not be null.");
    }
}
