// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link PayloadFormat} read from one message: whom it is about and its samples, oldest first.
 *
 * @param device  whom the topic and payload name, never null
 * @param samples one per instant; copied; never empty
 */
public record Uplink(DeviceKey device, List<Sample> samples) {

    /** @throws IllegalArgumentException when {@code samples} is empty */
    public Uplink {
        Objects.requireNonNull(device, "device must not be null.");
        samples = List.copyOf(Objects.requireNonNull(samples, "samples must not be null."));
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("samples must not be empty.");
        }
    }
}
