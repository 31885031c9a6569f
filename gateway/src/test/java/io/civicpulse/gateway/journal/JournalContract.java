// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import io.civicpulse.gateway.alerts.DeliveryLog;
import io.civicpulse.gateway.alerts.DeliveryLog.Attempt;
import io.civicpulse.gateway.alerts.DeliveryLog.Outcome;
import io.civicpulse.gateway.alerts.JdbcDeliveryLog;
import io.civicpulse.gateway.issues.IssueDatabase;
import io.civicpulse.gateway.ruleops.JdbcShadowLog;
import io.civicpulse.gateway.ruleops.JdbcSuppressionLedger;
import io.civicpulse.gateway.ruleops.ShadowLog;
import io.civicpulse.gateway.ruleops.SuppressionLedger;
import io.civicpulse.gateway.ruleops.SuppressionLedger.Reason;
import io.civicpulse.gateway.ruleops.SuppressionLedger.Suppressed;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operations journal on a real database: every field round-trips, the filters and paging of the HTTP routes,
 * rows survive reopening the database, close() writes what is queued, and the retention deletes old rows. Run on
 * H2 ({@link H2JournalTest}) and PostgreSQL ({@link PostgresJournalTest}).
 */
abstract class JournalContract {
    protected static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final MovingClock clock = new MovingClock(T0);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private IssueDatabase db;
    private JournalWriter writer;
    private JdbcSuppressionLedger ledger;
    private JdbcShadowLog shadow;
    private JdbcDeliveryLog deliveries;

    /** @return the JDBC URL of an empty database for this test (the same one on every call) */
    protected abstract String jdbcUrl();

    /** @return the database user */
    protected abstract String user();

    /** Drops the test's database after everything is closed. */
    protected void afterDatabaseClosed() throws Exception {
        // H2 lives in a temporary folder
    }

    @AfterEach
    void tearDown() throws Exception {
        closeAll();
        afterDatabaseClosed();
    }

    @Test
    void suppressed_recordThenQuery_roundTripsEveryFieldNewestFirst() {
        // given
        open();
        final Suppressed first = suppressed(0, "bin-1", "WB-01", Reason.SILENCED, "SIL-1");
        final Suppressed second = suppressed(1, "sl-4", "SL-01", Reason.INHIBITED_SEGMENT_OUTAGE, "SL-02 seg-01");
        // when
        ledger.record(first);
        ledger.record(second);
        // then
        assertThat(ledger.query(null, null, 10)).containsExactly(second, first);
        assertThat(meters.counter(SuppressionLedger.METRIC, "reason", "silenced").count()).isEqualTo(1.0);
    }

    @Test
    void suppressed_filtersAndPaging_matchTheRoutesParameters() {
        open();
        for (int i = 0; i < 6; i++) {
            ledger.record(suppressed(i, i % 2 == 0 ? "bin-1" : "sl-1", i % 2 == 0 ? "WB-01" : "SL-01",
                    i < 3 ? Reason.SILENCED : Reason.FLAPPING, "r" + i));
        }
        assertThat(refs(new SuppressionLedger.Query(null, null, "bin-1", null, null, 0, 10)))
                .containsExactly("r4", "r2", "r0");
        assertThat(refs(new SuppressionLedger.Query(null, null, null, "SL-01", Reason.FLAPPING, 0, 10)))
                .containsExactly("r5", "r3");
        assertThat(refs(new SuppressionLedger.Query(T0.plusSeconds(2), T0.plusSeconds(4), null, null, null, 0, 10)))
                .containsExactly("r3", "r2");
        assertThat(refs(new SuppressionLedger.Query(null, null, null, null, null, 1, 2)))
                .containsExactly("r4", "r3");
    }

    @Test
    void shadow_recordThenQuery_roundTripsAndFilters() {
        open();
        shadow.record(3, anomaly("sl-1", "SL-04", AnomalyStatus.RAISED, "power 400 > 300"));
        clock.advance(Duration.ofSeconds(5));
        shadow.record(3, anomaly("sl-2", "SL-04", AnomalyStatus.CLEARED, "power 100 < 300"));

        final List<ShadowLog.Entry> all = shadow.recent(10);
        assertThat(all).extracting(e -> e.anomaly().deviceId()).containsExactly("sl-2", "sl-1");
        assertThat(all.get(1)).isEqualTo(new ShadowLog.Entry(3, anomaly("sl-1", "SL-04", AnomalyStatus.RAISED,
                "power 400 > 300"), true, T0));
        assertThat(all.get(0).wouldOpen()).isFalse();
        assertThat(shadow.query(new ShadowLog.Query(T0.plusSeconds(1), null, null, "SL-04", 0, 10)))
                .extracting(e -> e.anomaly().deviceId()).containsExactly("sl-2");
        assertThat(shadow.query(new ShadowLog.Query(null, null, "sl-1", null, 0, 10))).hasSize(1);
    }

    @Test
    void deliveries_recordThenQuery_roundTripsAndFiltersByBodyStatusAlertAndTime() {
        open();
        final Attempt retry = attempt(0, "AL-1", "sanitation-contractor", 1, Outcome.RETRYING, 500, "HTTP 500",
                T0.plusSeconds(1));
        final Attempt done = attempt(2, "AL-1", "sanitation-contractor", 2, Outcome.DELIVERED, 204, "", null);
        final Attempt other = attempt(3, "AL-2", "street-office", 1, Outcome.FAILED, 0, "ConnectException: x", null);
        deliveries.record(retry);
        deliveries.record(done);
        deliveries.record(other);

        assertThat(deliveries.query(null, null, 10)).containsExactly(other, done, retry);
        assertThat(deliveries.query("sanitation-contractor", Outcome.DELIVERED, 10)).containsExactly(done);
        assertThat(deliveries.query(new DeliveryLog.Query(null, null, null, "AL-2", null, 0, 10)))
                .containsExactly(other);
        assertThat(deliveries.query(new DeliveryLog.Query(T0.plusSeconds(1), T0.plusSeconds(3), null, null, null,
                0, 10))).containsExactly(done);
    }

    @Test
    void reopen_sameDatabase_keepsEveryLog() {
        // given: one row of each, written by a first "run"
        open();
        ledger.record(suppressed(0, "bin-1", "WB-01", Reason.SILENCED, "SIL-1"));
        shadow.record(1, anomaly("sl-1", "SL-04", AnomalyStatus.RAISED, "d"));
        deliveries.record(attempt(0, "AL-1", "street-office", 1, Outcome.DELIVERED, 200, "", null));
        closeAll();
        // when
        open();
        // then
        assertThat(ledger.query(null, null, 10)).hasSize(1);
        assertThat(shadow.recent(10)).hasSize(1);
        assertThat(deliveries.query(null, null, 10)).hasSize(1);
    }

    @Test
    void close_withRowsQueued_writesThemAll() {
        // given
        open();
        for (int i = 0; i < 1_500; i++) {
            ledger.record(suppressed(i, "bin-" + (i % 7), "WB-01", Reason.FLAPPING, "k" + i));
        }
        // when: closed at once, while rows are still queued
        closeAll();
        // then
        open();
        assertThat(ledger.query(null, null, 10_000)).hasSize(1_500);
        assertThat(meters.find(JournalWriter.DROPPED).counters()).isEmpty();
    }

    @Test
    void prune_rowsOlderThanTheRetention_areDeletedNewerStay() {
        // given: the retention is 30 days; rows of 40, 31 and 1 day ago
        open();
        for (final int daysAgo : new int[] {40, 31, 1}) {
            final Instant at = T0.minus(Duration.ofDays(daysAgo));
            ledger.record(new Suppressed(at, anomaly("bin-1", "WB-01", AnomalyStatus.RAISED, "d"), Reason.SILENCED,
                    daysAgo + "d"));
            deliveries.record(new Attempt(at, "AL-" + daysAgo, "b", "http://127.0.0.1:9/hook", 1, 0,
                    Outcome.DELIVERED, 200, "", null));
            clock.set(at);
            shadow.record(1, anomaly("sl-1", "SL-04", AnomalyStatus.RAISED, "d"));
        }
        assertThat(ledger.query(null, null, 10)).hasSize(3);
        // when
        final int deleted = writer.prune(T0);
        // then
        assertThat(deleted).isEqualTo(6);
        assertThat(ledger.query(null, null, 10)).extracting(Suppressed::ref).containsExactly("1d");
        assertThat(deliveries.query(null, null, 10)).extracting(Attempt::alertId).containsExactly("AL-1");
        assertThat(shadow.recent(10)).extracting(ShadowLog.Entry::at).containsExactly(T0.minus(Duration.ofDays(1)));
        assertThat(meters.counter(JournalWriter.PRUNED, "journal", "suppressed").count()).isEqualTo(2.0);
    }

    private void open() {
        db = IssueDatabase.open(jdbcUrl(), user(), "");
        // A long prune interval: the tests call prune() themselves.
        writer = JournalWriter.start(db.dataSource(), 10_000, Duration.ofDays(30), Duration.ofDays(365), clock,
                meters);
        ledger = new JdbcSuppressionLedger(writer, meters);
        shadow = new JdbcShadowLog(writer, clock);
        deliveries = new JdbcDeliveryLog(writer);
    }

    private void closeAll() {
        if (writer != null) {
            writer.close();
            writer = null;
        }
        if (db != null) {
            db.close();
            db = null;
        }
    }

    private List<String> refs(final SuppressionLedger.Query q) {
        return ledger.query(q).stream().map(Suppressed::ref).toList();
    }

    private static Suppressed suppressed(final int second, final String device, final String category,
                                         final Reason reason, final String ref) {
        return new Suppressed(T0.plusSeconds(second), anomaly(device, category, AnomalyStatus.RAISED,
                "evidence " + second), reason, ref);
    }

    static Anomaly anomaly(final String device, final String category, final AnomalyStatus status,
                           final String detail) {
        return new Anomaly("lakeside", device.startsWith("bin") ? "bin" : "streetlight", device, category, status,
                1_795_777_200_123L, "rule " + category + "@2", detail);
    }

    private static Attempt attempt(final int second, final String alertId, final String body, final int n,
                                   final Outcome outcome, final int status, final String error, final Instant next) {
        return new Attempt(T0.plusSeconds(second), alertId, body, "http://127.0.0.1:9/hook", n, 0, outcome, status,
                error, next);
    }

    /** A clock the test moves; instants are whole microseconds, the precision of a TIMESTAMP column. */
    private static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(final Instant start) {
            now = start;
        }

        void set(final Instant at) {
            now = at.truncatedTo(ChronoUnit.MICROS);
        }

        void advance(final Duration d) {
            set(now.plus(d));
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
