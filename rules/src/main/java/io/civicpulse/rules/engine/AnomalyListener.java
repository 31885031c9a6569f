// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.Anomaly;

/**
 * Receives the anomalies a session's rules raise and clear.
 *
 * <p>Called on the thread that drives the session (a lane worker in the gateway); must not block for long.
 */
@FunctionalInterface
public interface AnomalyListener {
    /** @param anomaly the verdict, never null */
    void onAnomaly(Anomaly anomaly);
}
