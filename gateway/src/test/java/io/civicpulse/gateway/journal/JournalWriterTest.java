// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import io.civicpulse.gateway.alerts.DeliveryLog.Attempt;
import io.civicpulse.gateway.alerts.DeliveryLog.Outcome;
import io.civicpulse.gateway.alerts.JdbcDeliveryLog;
import io.civicpulse.gateway.issues.IssueDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The writer's bounded queue in front of a real H2 whose connections are held back (a stalled database): appends
 * never wait, the rows beyond the bound are dropped and counted, and the queued ones are written once it answers.
 */
class JournalWriterTest {
    @TempDir
    Path dataDir;

    @Test
    void append_databaseStalledAndQueueFull_dropsAndCountsWithoutBlocking() throws Exception {
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (IssueDatabase db = IssueDatabase.open(IssueDatabase.embeddedUrl(dataDir), "sa", "")) {
            // given: a queue of 2 and a database that does not hand out connections yet
            final StalledDataSource stalled = new StalledDataSource(db.dataSource());
            final JournalWriter writer = JournalWriter.start(stalled, 2, Duration.ofDays(30), Duration.ofDays(1),
                    Clock.systemUTC(), meters);
            final JdbcDeliveryLog log = new JdbcDeliveryLog(writer);
            log.record(attempt("AL-0"));
            await().atMost(Duration.ofSeconds(10)).until(() -> stalled.waiting.get() == 1);

            // when: five more rows arrive while the writer waits for the database
            for (int i = 1; i <= 5; i++) {
                log.record(attempt("AL-" + i));
            }

            // then: two are queued, three dropped and counted
            assertThat(meters.counter(JournalWriter.DROPPED, "journal", "deliveries", "cause", "full").count())
                    .isEqualTo(3.0);
            assertThat(meters.get(JournalWriter.QUEUE_DEPTH).gauge().value()).isEqualTo(2.0);

            // and when the database answers again, the first and the two queued rows are written
            stalled.release.countDown();
            assertThat(log.query(null, null, 10)).extracting(Attempt::alertId)
                    .containsExactlyInAnyOrder("AL-0", "AL-1", "AL-2");
            writer.close();
            assertThat(meters.counter(JournalWriter.WRITTEN, "journal", "deliveries").count()).isEqualTo(3.0);
        }
    }

    @Test
    void append_afterClose_isDroppedAndCounted() throws Exception {
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (IssueDatabase db = IssueDatabase.open(IssueDatabase.embeddedUrl(dataDir), "sa", "")) {
            final JournalWriter writer = JournalWriter.start(db.dataSource(), 10, Duration.ofDays(30),
                    Duration.ofDays(1), Clock.systemUTC(), meters);
            final JdbcDeliveryLog log = new JdbcDeliveryLog(writer);
            writer.close();

            log.record(attempt("AL-late"));

            assertThat(meters.counter(JournalWriter.DROPPED, "journal", "deliveries", "cause", "closed").count())
                    .isEqualTo(1.0);
        }
    }

    private static Attempt attempt(final String alertId) {
        return new Attempt(Instant.parse("2026-11-27T10:00:00Z"), alertId, "street-office", "http://127.0.0.1:9/h", 1,
                0, Outcome.DELIVERED, 200, "", null);
    }

    /** The real data source, whose getConnection waits until {@link #release} opens. */
    private static final class StalledDataSource implements DataSource {
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger waiting = new AtomicInteger();
        private final DataSource real;

        StalledDataSource(final DataSource real) {
            this.real = real;
        }

        @Override
        public Connection getConnection() throws SQLException {
            waiting.incrementAndGet();
            try {
                release.await();
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted", e);
            } finally {
                waiting.decrementAndGet();
            }
            return real.getConnection();
        }

        @Override
        public Connection getConnection(final String user, final String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() throws SQLException {
            return real.getLogWriter();
        }

        @Override
        public void setLogWriter(final PrintWriter out) throws SQLException {
            real.setLogWriter(out);
        }

        @Override
        public void setLoginTimeout(final int seconds) throws SQLException {
            real.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() throws SQLException {
            return real.getLoginTimeout();
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            return real.getParentLogger();
        }

        @Override
        public <T> T unwrap(final Class<T> iface) throws SQLException {
            return real.unwrap(iface);
        }

        @Override
        public boolean isWrapperFor(final Class<?> iface) throws SQLException {
            return real.isWrapperFor(iface);
        }
    }
}
