// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.civicpulse.rules.model.Anomaly;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Anomalies that opened no issue, with the reason: silenced, inhibited by a silent device or a segment outage,
 * flapping, or shown only (shadow rules). A bounded in-memory ring (the newest {@code capacity}); every record is
 * also counted in {@code gateway.rules.suppressed{reason}} so nothing is lost without a trace.
 *
 * <p>Thread-safe (synchronized).
 */
public final class SuppressionLedger {
    /** Metric name of the suppression counter. */
    public static final String METRIC = "gateway.rules.suppressed";
    private final int capacity;
    private final MeterRegistry meters;
    private final Deque<Suppressed> entries = new ArrayDeque<>();

    /** Why an anomaly opened no issue. */
    public enum Reason {
        /** A silence or maintenance window matched. */
        SILENCED,
        /** The device is silent (DV-01): its other anomalies are noise. */
        INHIBITED_SILENT_DEVICE,
        /** The lamp's segment is dark as a whole (SL-02): the segment issue covers it. */
        INHIBITED_SEGMENT_OUTAGE,
        /** Raised and cleared too often; one flapping issue stands for it. */
        FLAPPING,
        /** A clear whose raise was itself suppressed. */
        RAISE_SUPPRESSED
    }

    /**
     * One suppressed anomaly.
     *
     * @param at      when it was suppressed
     * @param anomaly the anomaly
     * @param reason  why
     * @param ref     what suppressed it (silence id, "DV-01", segment id…)
     */
    public record Suppressed(Instant at, Anomaly anomaly, Reason reason, String ref) {
    }

    /**
     * @param capacity records kept (&gt; 0)
     * @param meters   meter registry, or null for the global one
     */
    public SuppressionLedger(final int capacity, final MeterRegistry meters) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        this.capacity = capacity;
        this.meters = meters == null ? Metrics.globalRegistry : meters;
    }

    /** Records one suppressed anomaly. */
    public synchronized void record(final Suppressed s) {
        if (entries.size() == capacity) {
            entries.removeFirst();
        }
        entries.addLast(s);
        meters.counter(METRIC, "reason", s.reason().name().toLowerCase(Locale.ROOT)).increment();
    }

    /**
     * @param deviceId only this device (or segment), or null
     * @param reason   only this reason, or null
     * @param limit    at most this many
     * @return matching records, newest first
     */
    public synchronized List<Suppressed> query(final String deviceId, final Reason reason, final int limit) {
        final List<Suppressed> out = new ArrayList<>();
        final Iterator<Suppressed> it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            final Suppressed s = it.next();
            if ((deviceId == null || deviceId.equals(s.anomaly().deviceId()))
                    && (reason == null || reason == s.reason())) {
                out.add(s);
            }
        }
        return out;
    }
}
