// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.util.Locale;

/** What became of one submitted anomaly; the {@code outcome} tag of {@link IssueMetrics#ANOMALIES}. */
public enum AnomalyOutcome {
    /** A RAISED anomaly opened a new issue. */
    OPENED,
    /** A RAISED anomaly was merged into the open issue of its device and category (maybe reopening it). */
    MERGED,
    /** A CLEARED anomaly moved the open issue to VERIFYING. */
    CLEARED,
    /** A CLEARED anomaly without open issue, or for an issue already verifying: nothing to do. */
    IGNORED,
    /** The anomaly's category is not in the governance policy. */
    UNKNOWN_CATEGORY,
    /** The issue queue was full or the service not running: the anomaly was refused, not processed. */
    REJECTED,
    /** Processing failed (database error); the anomaly is lost and logged. */
    FAILED;

    /** @return the lower-case tag value, e.g. {@code unknown_category} */
    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
