// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import java.time.Instant;

/**
 * A stored report without reporter identity or photo: what following a token may reveal to its holder.
 *
 * @param id          report id
 * @param issueId     the issue it joined
 * @param category    category reported
 * @param merged      true if it joined an issue that was already open
 * @param submittedAt when it arrived
 */
public record StoredReport(String id, String issueId, String category, boolean merged, Instant submittedAt) {
}
