// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

/**
 * What the reporter gets back, once: the issue the report joined and the token to follow it.
 *
 * @param reportId    id of the stored report
 * @param issueId     public id of the issue (new or merged into)
 * @param merged      true if the report joined an issue that was already open
 * @param followToken secret token for {@code GET /api/reports/{token}}; shown only in this response
 */
public record ReportReceipt(String reportId, String issueId, boolean merged, String followToken) {
    @Override
    public String toString() {
        return "ReportReceipt[" + reportId + ", " + issueId + ", merged=" + merged + "]";
    }
}
