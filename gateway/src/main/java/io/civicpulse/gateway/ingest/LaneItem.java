// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.rules.model.Reading;

import java.util.function.Consumer;

/**
 * A decoded reading waiting in its lane, with what to do once it is stored or refused.
 *
 * @param reading the reading
 * @param done    called exactly once with the result, on a lane or store-writer thread
 */
public record LaneItem(Reading reading, Consumer<IngestResult> done) {
}
