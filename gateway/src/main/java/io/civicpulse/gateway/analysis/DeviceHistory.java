// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.TelemetryStoreException;

import java.time.Duration;
import java.time.Instant;

/** A device's history downsampled into buckets with min, max and mean per metric; one per backend. */
interface DeviceHistory {
    /**
     * @param device the device
     * @param from   inclusive start
     * @param to     exclusive end
     * @param bucket bucket length (one of {@link HistoryAnalysis#STEPS})
     * @return columns {@code bucket}, {@code readings}, then {@code <metric>_min/_max/_mean}
     * @throws TelemetryStoreException if the store could not answer
     */
    AnalysisTable history(Device device, Instant from, Instant to, Duration bucket) throws TelemetryStoreException;
}
