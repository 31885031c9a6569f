// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.escalation;

import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.issues.IssueSnapshot;
import io.civicpulse.gateway.issues.IssueWorkflow;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.issues.RunningTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fires due escalation rungs and timer expiries. {@link #tick()} reads every running timer, works out which rungs
 * are due on the injected clock and fires each through {@link IssueWorkflow#fire}, whose unique rung row makes it
 * happen once however many schedulers (threads or gateway instances) tick at the same time.
 *
 * <p>Threading: {@link #start} runs ticks on one daemon thread ({@code escalation-scheduler}) at a fixed real-time
 * delay; {@link #tick()} may also be called directly (tests, the clock-advance endpoint).
 */
public final class EscalationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EscalationService.class);

    private final JdbcIssueStore store;
    private final IssueWorkflow workflow;
    private final EscalationLadder ladder;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    /**
     * @param store    the issue store, never null
     * @param workflow the workflow that applies rungs, never null
     * @param policy   escalation policy and calendar, never null
     * @param clock    the (possibly accelerated) gateway clock, never null
     */
    public EscalationService(final JdbcIssueStore store, final IssueWorkflow workflow, final GovernancePolicy policy,
                             final Clock clock) {
        this.store = Objects.requireNonNull(store, "store must not be null.");
        this.workflow = Objects.requireNonNull(workflow, "workflow must not be null.");
        this.ladder = new EscalationLadder(Objects.requireNonNull(policy, "policy must not be null.").escalation(),
                policy.calendar());
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
    }

    /**
     * Fires every rung that is due now.
     *
     * @return how many rungs this call fired (rungs fired by others are not counted)
     */
    public synchronized int tick() {
        final Instant now = clock.instant();
        final List<RunningTimer> timers = store.inTransaction(tx -> tx.workflow().timers().running());
        final Map<String, Severity> severities = new HashMap<>();
        int fired = 0;
        for (final RunningTimer t : timers) {
            final Severity severity = severities.computeIfAbsent(t.issueId(), id -> workflow.snapshot(id)
                    .map(IssueSnapshot::issue).map(i -> i.severity()).orElse(Severity.MINOR));
            for (final EscalationLadder.Rung r : ladder.due(t, severity, now)) {
                if (workflow.fire(t, r.name())) {
                    fired++;
                }
            }
        }
        return fired;
    }

    /**
     * Starts ticking every {@code periodMillis} real milliseconds.
     *
     * @param periodMillis delay between ticks, at least 1
     */
    public synchronized void start(final long periodMillis) {
        if (scheduler != null) {
            throw new IllegalStateException("EscalationService already started.");
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread thread = new Thread(r, "escalation-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::safeTick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void safeTick() {
        try {
            tick();
        } catch (final RuntimeException e) {
            // A database outage must not kill the scheduler; the next tick retries (rungs are idempotent).
            LOG.warn("Escalation tick failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
