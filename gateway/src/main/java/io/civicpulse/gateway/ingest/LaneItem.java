// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.rules.model.Reading;

import java.util.function.Consumer;

/**
 * A decoded reading waiting in its lane, with what to do once it is stored or refused.
 *
 * @param reading the reading
 * @param done    called with the result, on a lane or store-writer thread; the first call counts (later ones
 *                are ignored by the publisher's completion)
 */
public record LaneItem(Reading reading, Consumer<IngestResult> done) {
}
