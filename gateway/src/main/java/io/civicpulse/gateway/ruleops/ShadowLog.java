// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.rules.model.Anomaly;

import java.time.Instant;
import java.util.List;

/**
 * Would-be verdicts of shadow rules ({@code *.shadow.drl}): listed, never turned into issues. The gateway keeps them
 * in the issue database ({@link JdbcShadowLog}); tests may use an {@link InMemoryShadowLog}.
 *
 * <p>Implementations are thread-safe, and {@link #record} never blocks on I/O (lanes call it).
 */
public interface ShadowLog {
    /**
     * @param generation rule pack generation that produced it
     * @param anomaly    the verdict
     * @param wouldOpen  true for a raise (it would open or merge into an issue)
     * @param at         when it was recorded (the gateway clock)
     */
    record Entry(long generation, Anomaly anomaly, boolean wouldOpen, Instant at) {
    }

    /**
     * A page of entries, newest first; every filter may be null (no filter).
     *
     * @param since    recorded at or after
     * @param until    recorded before
     * @param deviceId the device
     * @param category the category
     * @param offset   entries skipped (&gt;= 0)
     * @param limit    entries at most (&gt; 0)
     */
    record Query(Instant since, Instant until, String deviceId, String category, int offset, int limit) {
        /** @return whether {@code e} passes the filters (paging aside) */
        public boolean matches(final Entry e) {
            return (since == null || !e.at().isBefore(since)) && (until == null || e.at().isBefore(until))
                    && (deviceId == null || deviceId.equals(e.anomaly().deviceId()))
                    && (category == null || category.equals(e.anomaly().category()));
        }
    }

    /** Records one shadow verdict; never blocks. */
    void record(long generation, Anomaly anomaly);

    /** @return the matching entries, newest first */
    List<Entry> query(Query query);

    /** @return up to {@code limit} entries, newest first */
    default List<Entry> recent(final int limit) {
        return query(new Query(null, null, null, null, 0, limit));
    }
}
