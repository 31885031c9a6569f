// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RejectionLedgerTest {

    private static IngestResult refusal(final int i) {
        return new IngestResult(IngestOutcome.PAYLOAD_INVALID, "reason " + i);
    }

    @Test
    void record_refusal_keepsClientTopicOutcomeAndReason() {
        // given
        final RejectionLedger ledger = new RejectionLedger(10);
        final Instant before = Instant.now();

        // when
        ledger.record("bin-001", "cp/lakeside/bin/bin-001/telemetry",
                new IngestResult(IngestOutcome.NOT_AUTHORIZED, "bin-001 may publish only on x"));

        // then
        final List<RejectionLedger.Rejection> recent = ledger.recent(10);
        assertThat(recent).hasSize(1);
        final RejectionLedger.Rejection r = recent.get(0);
        assertThat(r.clientId()).isEqualTo("bin-001");
        assertThat(r.topic()).isEqualTo("cp/lakeside/bin/bin-001/telemetry");
        assertThat(r.outcome()).isEqualTo("not_authorized");
        assertThat(r.reason()).isEqualTo("bin-001 may publish only on x");
        assertThat(r.at()).isBetween(before, Instant.now());
    }

    @Test
    void recent_moreRefusalsThanCapacity_newestFirstAndBounded() {
        // given
        final RejectionLedger ledger = new RejectionLedger(3);

        // when
        for (int i = 1; i <= 5; i++) {
            ledger.record("bin-00" + i, "t" + i, refusal(i));
        }

        // then
        assertThat(ledger.recent(100)).extracting(RejectionLedger.Rejection::reason)
                .containsExactly("reason 5", "reason 4", "reason 3");
    }

    @Test
    void recent_limit_returnsOnlyTheNewest() {
        // given
        final RejectionLedger ledger = new RejectionLedger(10);
        for (int i = 1; i <= 5; i++) {
            ledger.record("c", "t", refusal(i));
        }

        // when
        final List<RejectionLedger.Rejection> two = ledger.recent(2);

        // then
        assertThat(two).extracting(RejectionLedger.Rejection::reason).containsExactly("reason 5", "reason 4");
        assertThat(ledger.recent(0)).isEmpty();
    }

    @Test
    void record_fromManyThreads_staysBounded() throws Exception {
        // given
        final RejectionLedger ledger = new RejectionLedger(50);
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        final List<Future<?>> futures = new ArrayList<>();

        // when
        try {
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        ledger.record("c", "t", refusal(i));
                    }
                }));
            }
            for (final Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // then
        assertThat(ledger.recent(10_000)).hasSize(50);
    }
}
