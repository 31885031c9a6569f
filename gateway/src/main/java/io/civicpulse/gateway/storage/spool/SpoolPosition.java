// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

/**
 * A place in the spool: a byte offset in a segment file. Positions are ordered by segment, then offset.
 *
 * @param segment the segment number (segment files are named by it)
 * @param offset  bytes from the start of that segment
 */
public record SpoolPosition(long segment, long offset) implements Comparable<SpoolPosition> {

    @Override
    public int compareTo(final SpoolPosition other) {
        final int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }
}
