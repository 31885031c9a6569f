// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.replay;

import java.util.Map;
import java.util.Objects;

/**
 * One recorded reading to replay.
 *
 * @param epochMillis when it was recorded
 * @param deviceId the device that sent it
 * @param metrics metric name to value, in file order
 * @param line the line of the file it came from, for messages
 */
public record ReplayRecord(long epochMillis, String deviceId, Map<String, Number> metrics, int line) {

    /** @throws NullPointerException if deviceId or metrics is null */
    public ReplayRecord {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics must not be null."));
    }
}
