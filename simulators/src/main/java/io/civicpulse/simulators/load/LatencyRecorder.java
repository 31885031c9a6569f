// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publish-to-ack latencies, kept as raw samples in a ring and sorted once at the end.
 *
 * <p>Simpler than a histogram and exact for the kept samples. When more samples arrive than the ring holds,
 * the newest {@code capacity} are kept (the tail of a long run, after warm-up); the maximum is exact over
 * all samples. Thread-safe for concurrent {@link #record}; read the results after recording has ended.
 */
public final class LatencyRecorder {

    /** 2^21 samples, 16 MiB: a full minute at about 35,000 acks per second. */
    public static final int DEFAULT_CAPACITY = 1 << 21;

    private final long[] samples;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong max = new AtomicLong();

    /** A recorder keeping up to {@code capacity} samples. */
    public LatencyRecorder(final int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.samples = new long[capacity];
    }

    /** Records one latency in nanoseconds. */
    public void record(final long nanos) {
        final long index = count.getAndIncrement();
        samples[(int) (index % samples.length)] = nanos;
        max.accumulateAndGet(nanos, Math::max);
    }

    /** Samples recorded, including those the ring no longer holds. */
    public long count() {
        return count.get();
    }

    /** The largest latency recorded, nanoseconds; 0 if none. */
    public long maxNanos() {
        return max.get();
    }

    /**
     * The latency at each requested percentile (nearest-rank), nanoseconds; zeros if nothing was recorded.
     *
     * @param percentiles values in (0, 100]
     */
    public long[] percentiles(final double... percentiles) {
        final int kept = (int) Math.min(count.get(), samples.length);
        final long[] sorted = Arrays.copyOf(samples, kept);
        Arrays.sort(sorted);
        final long[] result = new long[percentiles.length];
        for (int i = 0; i < percentiles.length; i++) {
            if (kept > 0) {
                final int rank = (int) Math.ceil(percentiles[i] / 100.0 * kept);
                result[i] = sorted[Math.max(0, Math.min(kept - 1, rank - 1))];
            }
        }
        return result;
    }
}
