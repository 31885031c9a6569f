// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The live status line of a running fleet or load: counts, acknowledged messages per second since the previous
 * line, and for a timed run a progress bar, e.g.
 * {@code [#####.....  50%  30s/60s] connected 10000/10000  acked 251234  4182 msg/s  errors 0}.
 *
 * <p>Called from one status thread at a time.
 */
final class LiveStats implements Supplier<String> {

    private static final int BAR_WIDTH = 20;

    private final Duration duration;
    private final LongSupplier acked;
    private final Supplier<String> counts;
    private final long startNanos = System.nanoTime();
    private long lastNanos = startNanos;
    private long lastAcked;

    /**
     * @param duration the run's length, or null for a run until Ctrl-C (no progress bar)
     * @param acked acknowledged messages so far
     * @param counts the run's own counters as text
     */
    LiveStats(final Duration duration, final LongSupplier acked, final Supplier<String> counts) {
        this.duration = duration;
        this.acked = acked;
        this.counts = counts;
    }

    @Override
    public String get() {
        final long now = System.nanoTime();
        final long total = acked.getAsLong();
        final double rate = (total - lastAcked) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastNanos = now;
        lastAcked = total;
        return progress(now) + counts.get() + String.format(Locale.ROOT, "  %.0f msg/s", rate);
    }

    private String progress(final long now) {
        if (duration == null || duration.isZero()) {
            return "";
        }
        final long elapsedSeconds = (now - startNanos) / 1_000_000_000L;
        final double share = Math.min(1.0, elapsedSeconds / (double) Math.max(1, duration.toSeconds()));
        final int filled = (int) Math.round(share * BAR_WIDTH);
        return String.format(Locale.ROOT, "[%s%s %3.0f%% %4ds/%ds] ", "#".repeat(filled), ".".repeat(BAR_WIDTH
                - filled), share * 100, elapsedSeconds, duration.toSeconds());
    }
}
