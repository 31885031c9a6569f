// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;

import java.util.List;

/**
 * A message the {@link FormatRouter} accepted: the registered device it is about and its readings, oldest first.
 *
 * @param device   the device, never null
 * @param format   the name of the format it was read in
 * @param readings one per instant, never empty; all of that device
 */
public record Routed(Device device, String format, List<Reading> readings) {

    /** Copies the readings. */
    public Routed {
        readings = List.copyOf(readings);
    }
}
