// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.util.List;

/**
 * One batch handed from the writer thread to the store thread for a direct store write, and the handshake that
 * decides who answers its submissions when the write is slow.
 *
 * <p>The writer thread waits for the result up to {@code telemetry.spool.slowWriteAfter}. If the store thread
 * finishes first, the writer thread answers from the result. If not, the writer thread appends the batch to the
 * spool and answers at once; the store thread, when its write ends, then knows that the batch is the spool's head
 * frame and that the part it did store must not be replayed again. Exactly one side wins, under this object's lock.
 */
final class DirectAttempt {
    private enum State { RUNNING, SPOOLING, SPOOLED, DONE }

    private final List<Reading> readings;
    private State state = State.RUNNING;
    private BisectingStoreWriter.Resolution result;

    DirectAttempt(final List<Reading> readings) {
        this.readings = readings;
    }

    List<Reading> readings() {
        return readings;
    }

    /**
     * Store thread: reports the result.
     *
     * @return true when the writer thread takes the result; false when the batch was spooled meanwhile
     */
    synchronized boolean finish(final BisectingStoreWriter.Resolution resolution) throws InterruptedException {
        while (state == State.SPOOLING) {
            wait();
        }
        result = resolution;
        if (state == State.SPOOLED) {
            return false;
        }
        state = State.DONE;
        notifyAll();
        return true;
    }

    /**
     * Writer thread: waits for the result.
     *
     * @param nanos how long to wait at most; negative waits without limit
     * @return the result, or null if the store thread has not finished in time
     */
    synchronized BisectingStoreWriter.Resolution await(final long nanos) throws InterruptedException {
        final long deadline = System.nanoTime() + nanos;
        while (state != State.DONE) {
            final long left = nanos < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            final long millis = Math.max(1, Math.min(left / 1_000_000, 1_000));
            wait(millis);
        }
        return result;
    }

    /** Writer thread: claims the batch for the spool. @return false when the store thread has just finished */
    synchronized boolean beginSpooling() {
        if (state != State.RUNNING) {
            return false;
        }
        state = State.SPOOLING;
        return true;
    }

    /** Writer thread: after the append; when it failed, the writer thread waits for the store after all. */
    synchronized void endSpooling(final boolean spooled) {
        state = spooled ? State.SPOOLED : State.RUNNING;
        notifyAll();
    }
}
