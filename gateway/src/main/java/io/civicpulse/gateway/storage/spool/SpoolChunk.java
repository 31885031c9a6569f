// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import io.civicpulse.rules.model.Reading;

import java.util.List;

/**
 * Frames read from the head of the spool, to be written to the store and then handed back to
 * {@link TelemetrySpool#commit}.
 *
 * @param readings the readings of the frames, in the order they were appended; never null
 * @param end      the position just after the last frame read (or after a corrupt region that was set aside)
 */
public record SpoolChunk(List<Reading> readings, SpoolPosition end) {
}
