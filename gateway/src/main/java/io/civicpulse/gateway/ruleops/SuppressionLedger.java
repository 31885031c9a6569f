// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.model.Anomaly;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Anomalies that opened no issue, with the reason: silenced, inhibited by a silent device or a segment outage,
 * flapping, or a clear whose raise was suppressed. Every record is also counted in
 * {@code gateway.rules.suppressed{reason}}. The gateway keeps them in the issue database
 * ({@link JdbcSuppressionLedger}); replays use a throw-away {@link InMemorySuppressionLedger}.
 *
 * <p>Implementations are thread-safe, and {@link #record} never blocks on I/O (lanes call it).
 */
public interface SuppressionLedger {
    /** Metric name of the suppression counter. */
    String METRIC = "gateway.rules.suppressed";

    /** Why an anomaly opened no issue. */
    enum Reason {
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
    record Suppressed(Instant at, Anomaly anomaly, Reason reason, String ref) {
    }

    /**
     * A page of records, newest first; every filter may be null (no filter).
     *
     * @param since    suppressed at or after
     * @param until    suppressed before
     * @param deviceId the device (or segment)
     * @param category the category ({@code SL-01}…)
     * @param reason   the reason
     * @param offset   records skipped (&gt;= 0)
     * @param limit    records at most (&gt; 0)
     */
    record Query(Instant since, Instant until, String deviceId, String category, Reason reason, int offset,
                 int limit) {
        /** @return whether {@code s} passes the filters (paging aside) */
        public boolean matches(final Suppressed s) {
            return (since == null || !s.at().isBefore(since)) && (until == null || s.at().isBefore(until))
                    && (deviceId == null || deviceId.equals(s.anomaly().deviceId()))
                    && (category == null || category.equals(s.anomaly().category()))
                    && (reason == null || reason == s.reason());
        }
    }

    /** Records one suppressed anomaly; never blocks. */
    void record(Suppressed s);

    /** @return the matching records, newest first */
    List<Suppressed> query(Query query);

    /**
     * @param deviceId only this device (or segment), or null
     * @param reason   only this reason, or null
     * @param limit    at most this many
     * @return matching records, newest first
     */
    default List<Suppressed> query(final String deviceId, final Reason reason, final int limit) {
        return query(new Query(null, null, deviceId, null, reason, 0, limit));
    }

    /** Counts {@code s} in {@value #METRIC}{@code {reason}}. */
    static void count(final MeterRegistry meters, final Suppressed s) {
        meters.counter(METRIC, "reason", s.reason().name().toLowerCase(Locale.ROOT)).increment();
    }
}
