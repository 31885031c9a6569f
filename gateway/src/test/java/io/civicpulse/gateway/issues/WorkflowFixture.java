// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.auth.Actor;
import io.civicpulse.gateway.auth.Role;
import io.civicpulse.gateway.escalation.EscalationService;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.gateway.governance.TestPolicies;
import io.civicpulse.gateway.governance.Visibility;
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
 * Fixture of the workflow tests (run against H2 and PostgreSQL): anomaly service, workflow and escalation on one
 * migrated database, the {@code governance/workflow.yaml} policy and a clock at Monday 2026-03-02 10:00 Shanghai.
 */
abstract class WorkflowFixture {
    static final Instant MONDAY_10 = Instant.parse("2026-03-02T02:00:00Z");
    static final Actor LIGHTING = new Actor("lamp-crew", "district-lighting", Role.DISTRICT);
    static final Actor STREET = new Actor("street-clerk", "street-office", Role.STREET_OFFICE);
    static final Actor CONTRACTOR = new Actor("bin-crew", "sanitation-contractor", Role.CREW);
    static final Actor COMMITTEE = new Actor("committee", "residents-committee", Role.COMMITTEE);
    static final Actor SUPERVISOR = new Actor("supervisor", "supervision-centre", Role.SUPERVISION);
    static final Actor PARTY = new Actor("party-watcher", "party-committee", Role.PARTY_WATCHER);
    static final Actor DISTRICT = new Actor("district-clerk", "district-government", Role.DISTRICT);

    protected final MutableClock clock = new MutableClock(MONDAY_10);
    protected final List<IssueEvent> events = new CopyOnWriteArrayList<>();
    protected final String community = "w-" + UUID.randomUUID().toString().substring(0, 8);
    protected final TestAnomalies anomalies = new TestAnomalies(community);
    protected final List<AutoCloseable> resources = new ArrayList<>();
    protected GovernancePolicy policy;
    protected SimpleMeterRegistry registry;
    protected JdbcIssueStore store;
    protected IssueService service;
    protected IssueWorkflow workflow;
    protected EscalationService escalation;

    protected abstract String jdbcUrl();

    protected abstract String user();

    protected void afterDatabasesClosed() throws Exception {
    }

    @BeforeEach
    void startWorkflow() throws Exception {
        policy = TestPolicies.load("workflow.yaml");
        registry = new SimpleMeterRegistry();
        store = newStore();
        service = new IssueService(store, policy, clock, events::add, registry, 100);
        resources.add(service);
        service.start();
        workflow = new IssueWorkflow(store, policy, clock, events::add);
        escalation = new EscalationService(store, workflow, policy, clock);
    }

    @AfterEach
    void stopWorkflow() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        afterDatabasesClosed();
    }

    /** @return a store on a new pool of the test database; closed after the test */
    protected JdbcIssueStore newStore() {
        final IssueDatabase db = IssueDatabase.open(jdbcUrl(), user(), "");
        resources.add(db);
        return new JdbcIssueStore(db.dataSource());
    }

    /** Opens an issue from a sensor anomaly and returns its id. */
    protected String open(final String device, final String category) {
        final int before = service.list(IssueQuery.all().withCommunity(community)).size();
        service.submit(anomalies.raised(device, category));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                service.list(IssueQuery.all().withCommunity(community)).size() > before);
        return service.list(IssueQuery.all().withCommunity(community).withCategory(category)).get(0).id();
    }

    /** Inserts an issue waiting in TRIAGE (as a resident report would), for reject and merge. */
    protected String openInTriage(final String category) {
        return store.inTransaction(tx -> {
            final String id = tx.nextIssueId(2026);
            tx.insertIssue(new IssueSummary(id, community, category, policy.category(category).orElseThrow()
                    .severity(), RoutingClass.PUBLIC_SERVICE, IssueState.TRIAGE, null, "residents-committee", 1, 0,
                    Visibility.PUBLIC, clock.instant(), clock.instant(), null, null), null);
            return id;
        });
    }

    protected ActionResult act(final Actor actor, final String id, final String action, final ActionRequest r) {
        return workflow.apply(actor, id, action, r);
    }

    protected ActionResult act(final Actor actor, final String id, final String action) {
        return act(actor, id, action, ActionRequest.EMPTY);
    }

    protected IssueDetail detail(final String id) {
        return store.find(id).orElseThrow();
    }

    protected List<String> rungs(final String id) {
        return store.inTransaction(tx -> tx.workflow().timers().rungs(id));
    }

    protected List<RunningTimer> timers(final String id) {
        return store.inTransaction(tx -> tx.workflow().timers().unstopped(id));
    }
}
