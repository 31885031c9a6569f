// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage.spool;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * How the spool forces an appended frame to disk: once per frame, that is once per writer batch. The default is
 * {@link #FDATASYNC}; tests count or fail the calls through their own implementation.
 */
@FunctionalInterface
public interface SpoolSync {
    /** {@code FileChannel.force(false)}: the data and the metadata needed to read it back (fdatasync). */
    SpoolSync FDATASYNC = channel -> channel.force(false);

    /**
     * Forces what was written to the channel to the storage device; returns when it is there.
     *
     * @param channel the segment file just appended to
     * @throws IOException if the device reports an error; the frame then does not count as appended
     */
    void force(FileChannel channel) throws IOException;
}
