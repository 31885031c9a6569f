// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import java.time.Instant;

/**
 * An open issue that a report might merge into.
 *
 * @param issueId  issue id
 * @param category category code
 * @param deviceId asset of the issue, or null for issues opened by residents without an asset
 * @param openedAt when it was opened
 */
record OpenCandidate(String issueId, String category, String deviceId, Instant openedAt) {
}
