// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

/**
 * The outcome of one PUBLISH and, when refused, the reason in words (sent as the MQTT 5 reason string).
 *
 * @param outcome what happened, never null
 * @param reason  why it was refused; empty when accepted
 */
public record IngestResult(IngestOutcome outcome, String reason) {
    /** The result of a stored reading. */
    public static final IngestResult ACCEPTED = new IngestResult(IngestOutcome.ACCEPTED, "");

    /** @return true when the reading was stored */
    public boolean accepted() {
        return outcome == IngestOutcome.ACCEPTED;
    }
}
