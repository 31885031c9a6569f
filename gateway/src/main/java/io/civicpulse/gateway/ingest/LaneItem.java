// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.rules.model.Reading;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The decoded readings of one message waiting in their lane, with what to do once they are stored or refused. A
 * message may carry several instants (a SenML pack): its readings travel as one item so that they are stored in one
 * write, all or none, and acknowledged once.
 *
 * @param readings the readings, oldest first, all of one device; never empty
 * @param done     called with the result, on a lane or store-writer thread; the first call counts (later ones
 *                 are ignored by the publisher's completion)
 */
public record LaneItem(List<Reading> readings, Consumer<IngestResult> done) {

    /** @throws IllegalArgumentException when {@code readings} is empty */
    public LaneItem {
        readings = List.copyOf(readings);
        if (readings.isEmpty()) {
            throw new IllegalArgumentException("readings must not be empty.");
        }
        Objects.requireNonNull(done, "done must not be null.");
    }

    /**
     * @param reading the one reading of a message
     * @param done    see the canonical constructor
     */
    public LaneItem(final Reading reading, final Consumer<IngestResult> done) {
        this(List.of(reading), done);
    }

    /** @return the first reading; every reading of an item is of the same device, so it also picks the lane */
    public Reading reading() {
        return readings.get(0);
    }
}
