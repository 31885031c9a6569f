// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.Timer;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes readings to the store in one request; when the store refuses the request for its content
 * (non-retryable), splits it in halves, again and again, until the refused readings are alone, and quarantines
 * those with the store's reason: one bad reading costs about 2·log2(n) writes and never blocks the others. Works
 * through the readings in order and stops at the first retryable failure, so what is left is a suffix the caller
 * spools or retries. Store thread only.
 */
final class BisectingStoreWriter {
    private final TelemetryStore store;
    private final TelemetryQuarantine quarantine;
    private final Timer writeTimer;

    BisectingStoreWriter(final TelemetryStore store, final TelemetryQuarantine quarantine, final Timer writeTimer) {
        this.store = store;
        this.quarantine = quarantine;
        this.writeTimer = writeTimer;
    }

    /**
     * @param readings readings to store, in order
     * @return how far it got: readings before {@link Resolution#resolved()} are stored or quarantined
     */
    Resolution write(final List<Reading> readings) {
        final Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {0, readings.size()});
        final Map<Integer, String> quarantined = new HashMap<>();
        int stored = 0;
        while (!ranges.isEmpty()) {
            final int[] range = ranges.pop();
            final Exception failure = tryWrite(readings.subList(range[0], range[1]));
            if (failure == null) {
                stored += range[1] - range[0];
            } else if (retryable(failure)) {
                return new Resolution(range[0], stored, quarantined, failure);
            } else if (range[1] - range[0] > 1) {
                final int mid = (range[0] + range[1]) >>> 1;
                ranges.push(new int[] {mid, range[1]});
                ranges.push(new int[] {range[0], mid});
            } else {
                final String reason = String.valueOf(failure.getMessage());
                try {
                    quarantine.record(List.of(readings.get(range[0])), reason);
                } catch (final IOException e) {
                    return new Resolution(range[0], stored, quarantined, e);
                }
                quarantined.put(range[0], reason);
            }
        }
        return new Resolution(readings.size(), stored, quarantined, null);
    }

    private Exception tryWrite(final List<Reading> readings) {
        final long started = System.nanoTime();
        try {
            store.write(readings);
            return null;
        } catch (final TelemetryStoreException | RuntimeException e) {
            return e;
        } finally {
            writeTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        }
    }

    /** Only the store refusing the data itself is final; anything else (down, timeout, a bug) may pass later. */
    private static boolean retryable(final Exception failure) {
        if (failure instanceof TelemetryStoreException e) {
            return e.isRetryable();
        }
        return !(failure instanceof IllegalArgumentException);
    }

    /**
     * How far a write got.
     *
     * @param resolved    readings {@code [0, resolved)} are stored or quarantined; the rest are not written
     * @param stored      how many of them are stored
     * @param quarantined index to the store's reason, for each quarantined reading
     * @param failure     why it stopped before the end (a retryable store failure, or the quarantine failing);
     *                    null when {@code resolved} is the size of the list
     */
    record Resolution(int resolved, int stored, Map<Integer, String> quarantined, Exception failure) {
    }
}
