// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Instant;

/**
 * One timer cycle of an assignment that has not stopped. Immutable.
 *
 * @param id           database id
 * @param issueId      the issue
 * @param assignmentId the timed assignment
 * @param bodyId       the timed body
 * @param kind         what is timed
 * @param cycle        cycle number, from 1; a new cycle starts on re-dispatch, extension or reopen
 * @param startedAt    start of the window (shifted by paused time)
 * @param dueAt        deadline (shifted by paused time)
 * @param pausedAt     when it was paused, or null while running
 */
public record RunningTimer(long id, String issueId, long assignmentId, String bodyId, TimerKind kind, int cycle,
                           Instant startedAt, Instant dueAt, Instant pausedAt) {
}
