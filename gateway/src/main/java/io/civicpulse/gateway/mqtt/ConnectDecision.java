// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * The result of checking a CONNECT.
 *
 * @param outcome  accepted or why not
 * @param identity who connected, null unless accepted
 * @param reason   words for the log and the MQTT 5 reason string; never the password
 */
public record ConnectDecision(ConnectOutcome outcome, ClientIdentity identity, String reason) {

    static ConnectDecision refuse(final ConnectOutcome outcome, final String reason) {
        return new ConnectDecision(outcome, null, reason);
    }

    /** @return true when the client may connect */
    public boolean accepted() {
        return outcome == ConnectOutcome.ACCEPTED;
    }
}
