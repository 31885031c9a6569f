// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Instant;

/**
 * The JSON body of {@code POST /api/issues/{id}/actions/{action}}; each action reads the fields it needs. Immutable.
 *
 * @param note            public note (shown to residents), or null
 * @param internalNote    note for staff only, or null
 * @param reason          reason (return, extension, park, reject, close), or null
 * @param body            a body id (add-assist, summon, reassign, lock-lead), or null
 * @param until           requested new deadline or park review date, or null
 * @param pass            verification result, or null
 * @param decision        ADMINISTRATIVE decision HANDLE or DISPATCH_DOWN, or null
 * @param into            issue id to merge into, or null
 * @param expectedVersion the version the caller saw; refused with 409 if the issue changed since, or null
 */
public record ActionRequest(String note, String internalNote, String reason, String body, Instant until,
                            Boolean pass, String decision, String into, Long expectedVersion) {
    /** An empty request. */
    public static final ActionRequest EMPTY = new ActionRequest(null, null, null, null, null, null, null, null, null);

    /** @return the same request with {@code note} replaced */
    public ActionRequest withNote(final String text) {
        return new ActionRequest(text, internalNote, reason, body, until, pass, decision, into, expectedVersion);
    }

    /** @return the same request with {@code reason} replaced */
    public ActionRequest withReason(final String text) {
        return new ActionRequest(note, internalNote, text, body, until, pass, decision, into, expectedVersion);
    }

    /** @return the same request with {@code body} replaced */
    public ActionRequest withBody(final String bodyId) {
        return new ActionRequest(note, internalNote, reason, bodyId, until, pass, decision, into, expectedVersion);
    }

    /** @return the same request with {@code until} replaced */
    public ActionRequest withUntil(final Instant at) {
        return new ActionRequest(note, internalNote, reason, body, at, pass, decision, into, expectedVersion);
    }

    /** @return the same request with {@code pass} replaced */
    public ActionRequest withPass(final boolean passed) {
        return new ActionRequest(note, internalNote, reason, body, until, passed, decision, into, expectedVersion);
    }

    /** @return the same request with {@code decision} replaced */
    public ActionRequest withDecision(final String d) {
        return new ActionRequest(note, internalNote, reason, body, until, pass, d, into, expectedVersion);
    }

    /** @return the same request with {@code into} replaced */
    public ActionRequest withInto(final String issueId) {
        return new ActionRequest(note, internalNote, reason, body, until, pass, decision, issueId, expectedVersion);
    }

    /** @return the same request with {@code expectedVersion} replaced */
    public ActionRequest withExpectedVersion(final long v) {
        return new ActionRequest(note, internalNote, reason, body, until, pass, decision, into, v);
    }
}
