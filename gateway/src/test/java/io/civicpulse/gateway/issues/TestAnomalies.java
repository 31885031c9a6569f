// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;

import java.util.Locale;

/** Builds anomalies for one test community. */
final class TestAnomalies {
    private final String community;

    TestAnomalies(final String community) {
        this.community = community;
    }

    Anomaly raised(final String deviceId, final String category) {
        return anomaly(deviceId, category, AnomalyStatus.RAISED);
    }

    Anomaly cleared(final String deviceId, final String category) {
        return anomaly(deviceId, category, AnomalyStatus.CLEARED);
    }

    private Anomaly anomaly(final String deviceId, final String category, final AnomalyStatus status) {
        return new Anomaly(community, "streetlight", deviceId, category, status, 1_772_416_800_000L,
                "rule-" + category.toLowerCase(Locale.ROOT), "lamp_current_a 0.00 < 0.05 for 10 min");
    }
}
