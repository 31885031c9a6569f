// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.TestPolicies;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The worker queue of {@link IssueService}: bounded, never blocking, counted rejections, draining close. */
class IssueServiceQueueTest {
    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(IssueServiceFixture.MONDAY_10);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestAnomalies anomalies = new TestAnomalies("queue-test");
    private GovernancePolicy policy;
    private IssueDatabase db;
    private JdbcIssueStore store;

    @BeforeEach
    void openDatabase() throws Exception {
        policy = TestPolicies.valid();
        db = IssueDatabase.open(IssueDatabase.embeddedUrl(dataDir), "sa", "");
        store = new JdbcIssueStore(db.dataSource());
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    private double rejected() {
        return IssueServiceFixture.outcome(registry, AnomalyOutcome.REJECTED);
    }

    @Test
    void submit_beforeStart_isCountedAsRejected() {
        // given
        try (IssueService service = new IssueService(store, policy, clock, IssueEventListener.NONE, registry, 10)) {
            // when
            service.submit(anomalies.raised("sl-1", "SL-01"));
            // then
            assertThat(rejected()).isEqualTo(1);
        }
    }

    @Test
    void submit_queueFull_isCountedAsRejectedWithoutBlocking() throws Exception {
        // given a worker stuck in the listener and a queue of one that is full
        final CountDownLatch inListener = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final IssueEventListener blocking = event -> {
            inListener.countDown();
            awaitQuietly(release);
        };
        try (IssueService service = new IssueService(store, policy, clock, blocking, registry, 1)) {
            service.start();
            service.submit(anomalies.raised("sl-1", "SL-01"));
            assertThat(inListener.await(30, TimeUnit.SECONDS)).isTrue();
            service.submit(anomalies.raised("sl-2", "SL-01"));
            // when
            service.submit(anomalies.raised("sl-3", "SL-01"));
            // then
            assertThat(rejected()).isEqualTo(1);
            assertThat(registry.get(IssueMetrics.QUEUE_DEPTH).gauge().value()).isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> IssueServiceFixture.processed(registry) == 2);
        }
    }

    @Test
    void submit_listenerThrows_workerKeepsGoing() {
        // given
        final IssueEventListener failing = event -> {
            throw new IllegalStateException("broker down");
        };
        try (IssueService service = new IssueService(store, policy, clock, failing, registry, 10)) {
            service.start();
            // when
            service.submit(anomalies.raised("sl-1", "SL-01"));
            service.submit(anomalies.raised("sl-2", "SL-01"));
            // then
            await().atMost(Duration.ofSeconds(30)).until(() -> IssueServiceFixture.processed(registry) == 2);
            assertThat(store.list(IssueQuery.all())).hasSize(2);
        }
    }

    @Test
    void close_withQueuedAnomalies_processesThemFirst() {
        // given
        final IssueService service = new IssueService(store, policy, clock, IssueEventListener.NONE, registry, 100);
        service.start();
        for (int i = 0; i < 20; i++) {
            service.submit(anomalies.raised("bin-" + i, "WB-01"));
        }
        // when
        service.close();
        // then
        assertThat(store.list(IssueQuery.all())).hasSize(20);
        service.submit(anomalies.raised("bin-late", "WB-01"));
        assertThat(rejected()).isEqualTo(1);
    }

    @Test
    void submit_databaseDown_countsFailureAndKeepsWorking() {
        // given
        try (IssueService service = new IssueService(store, policy, clock, IssueEventListener.NONE, registry, 10)) {
            service.start();
            db.close();
            // when
            service.submit(anomalies.raised("sl-1", "SL-01"));
            service.submit(anomalies.raised("sl-2", "SL-01"));
            // then both are counted as failed, none silently dropped
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> IssueServiceFixture.outcome(registry, AnomalyOutcome.FAILED) == 2);
        }
    }

    @Test
    void constructor_zeroCapacity_isRefused() {
        assertThatThrownBy(() -> new IssueService(store, policy, clock, IssueEventListener.NONE, registry, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queueCapacity");
    }

    @Test
    void now_truncatesTheClockToMicroseconds() {
        // given
        clock.set(IssueServiceFixture.MONDAY_10.plusNanos(1_234_567));
        final IssueService service = new IssueService(store, policy, clock, IssueEventListener.NONE, registry, 1);
        // when / then
        assertThat(service.now()).isEqualTo(IssueServiceFixture.MONDAY_10.plusNanos(1_234_000));
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
