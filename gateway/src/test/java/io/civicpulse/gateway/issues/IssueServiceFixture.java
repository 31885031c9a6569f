// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.TestPolicies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * Fixture of the issue service tests ({@link IssueServiceContract}, run against H2 and PostgreSQL): a started
 * service on a migrated database, a mutable clock at Monday 2026-03-02 10:00 Asia/Shanghai, the test policy and a
 * community of its own per test.
 */
abstract class IssueServiceFixture {
    /** Monday 2026-03-02 10:00 in Asia/Shanghai. */
    static final Instant MONDAY_10 = Instant.parse("2026-03-02T02:00:00Z");
    static final int QUEUE_CAPACITY = 500;

    protected final MutableClock clock = new MutableClock(MONDAY_10);
    protected final List<IssueEvent> events = new CopyOnWriteArrayList<>();
    protected final String community = "c-" + UUID.randomUUID().toString().substring(0, 8);
    protected final TestAnomalies anomalies = new TestAnomalies(community);
    protected final List<AutoCloseable> resources = new ArrayList<>();
    protected GovernancePolicy policy;
    protected SimpleMeterRegistry registry;
    protected JdbcIssueStore store;
    protected IssueService service;

    /** @return a JDBC URL of an empty database for this test; the same on every call within one test */
    protected abstract String jdbcUrl();

    /** @return the database user */
    protected abstract String user();

    /** Called after every service and pool of the test is closed (drop the schema). */
    protected void afterDatabasesClosed() throws Exception {
    }

    @BeforeEach
    void startService() throws Exception {
        policy = TestPolicies.valid();
        registry = new SimpleMeterRegistry();
        store = new JdbcIssueStore(openDatabase().dataSource());
        service = startService(store, registry);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        afterDatabasesClosed();
    }

    /** Opens another pool on the same database; closed after the test. */
    protected IssueDatabase openDatabase() {
        final IssueDatabase db = IssueDatabase.open(jdbcUrl(), user(), "");
        resources.add(db);
        return db;
    }

    protected IssueService startService(final JdbcIssueStore onStore, final MeterRegistry meters) {
        final IssueService s = new IssueService(onStore, policy, clock, events::add, meters, QUEUE_CAPACITY);
        resources.add(s);
        s.start();
        return s;
    }

    /** Waits until {@code n} anomalies were processed (any outcome but rejected) and no more. */
    protected static void awaitProcessed(final MeterRegistry meters, final int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> processed(meters) >= n);
    }

    protected void awaitProcessed(final int n) {
        awaitProcessed(registry, n);
    }

    protected static double processed(final MeterRegistry meters) {
        return meters.find(IssueMetrics.ANOMALIES).counters().stream()
                .filter(c -> !AnomalyOutcome.REJECTED.tag().equals(c.getId().getTag("outcome")))
                .mapToDouble(Counter::count).sum();
    }

    protected static double outcome(final MeterRegistry meters, final AnomalyOutcome outcome) {
        return meters.get(IssueMetrics.ANOMALIES).tag("outcome", outcome.tag()).counter().count();
    }

    protected double outcome(final AnomalyOutcome outcome) {
        return outcome(registry, outcome);
    }

    protected IssueQuery ours() {
        return IssueQuery.all().withCommunity(community);
    }

    protected IssueDetail onlyIssue() {
        final List<IssueSummary> issues = service.list(ours());
        if (issues.size() != 1) {
            throw new AssertionError("expected exactly one issue in " + community + ", found " + issues);
        }
        return service.find(issues.get(0).id()).orElseThrow();
    }
}
