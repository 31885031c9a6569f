// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.auth.Actor;
import io.civicpulse.gateway.governance.GovernancePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Applies lifecycle commands (GOVERNANCE.md §2.2–2.5) to issues: each command is one transaction that checks access,
 * bumps the issue's version (optimistic concurrency: of two instances applying a command at once only one wins, the
 * other gets {@link ConcurrentIssueChangeException}), moves the state through the transition table, appends timeline
 * events and starts or stops timers. Committed changes go to the {@link IssueEventListener} (MQTT alerts).
 *
 * <p>Thread-safe: any thread may call; the database serialises.
 */
public final class IssueWorkflow {
    private static final Logger LOG = LoggerFactory.getLogger(IssueWorkflow.class);

    private final JdbcIssueStore store;
    private final GovernancePolicy policy;
    private final Clock clock;
    private final IssueEventListener listener;

    /**
     * @param store    the issue store, never null
     * @param policy   the governance policy, never null
     * @param clock    time source, never null
     * @param listener receives committed changes, never null
     */
    public IssueWorkflow(final JdbcIssueStore store, final GovernancePolicy policy, final Clock clock,
                         final IssueEventListener listener) {
        this.store = Objects.requireNonNull(store, "store must not be null.");
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.listener = Objects.requireNonNull(listener, "listener must not be null.");
    }

    /**
     * Applies one action.
     *
     * @param actor   who acts, never null
     * @param issueId the issue, never null
     * @param action  the action's path name such as {@code accept}, never null
     * @param request the request body, never null
     * @return the issue afterwards
     * @throws ActionRefusedException         400 bad request, 403 not allowed, 404 unknown, 409 wrong state
     * @throws IllegalTransitionException     if the transition table refuses the move
     * @throws ConcurrentIssueChangeException if the issue changed concurrently or differs from expectedVersion
     */
    public ActionResult apply(final Actor actor, final String issueId, final String action,
                              final ActionRequest request) {
        Objects.requireNonNull(actor, "actor must not be null.");
        Objects.requireNonNull(request, "request must not be null.");
        final WorkflowAction a = WorkflowAction.of(Objects.requireNonNull(action, "action must not be null."))
                .orElseThrow(() -> ActionRefusedException.notFound("unknown action '" + action + "'; known: "
                        + java.util.Arrays.stream(WorkflowAction.values()).map(WorkflowAction::pathName).toList()));
        final IssueEvent event = store.inTransaction(tx -> {
            final IssueSnapshot snapshot = tx.workflow().load(issueId).orElseThrow(() ->
                    ActionRefusedException.notFound("no issue " + issueId));
            WorkflowAccess.check(actor, a, snapshot);
            final long version = snapshot.control().version();
            if (request.expectedVersion() != null && request.expectedVersion() != version) {
                throw new ConcurrentIssueChangeException(issueId, request.expectedVersion());
            }
            final Instant now = now();
            tx.workflow().bumpVersion(issueId, version, now);
            final WorkflowCommand command = new WorkflowCommand(tx, snapshot, actor, request, now, policy);
            a.apply(command);
            return command.issueEvent();
        });
        notifyListener(event);
        return result(issueId);
    }

    /**
     * Fires one rung of a timer, or the expiry of an AUTO or SENSOR_VERIFY timer, exactly once: the rung row is
     * inserted first and its unique constraint makes a second scheduler (on any instance) roll back.
     *
     * @param timer the timer as read by the scheduler, never null
     * @param rung  R0, R1, R2, R3, R4_k or EXPIRE
     * @return true if this call fired it; false if it already fired or the timer stopped meanwhile
     */
    public boolean fire(final RunningTimer timer, final String rung) {
        final IssueEvent[] event = new IssueEvent[1];
        try {
            final boolean fired = store.inTransaction(tx -> {
                final JdbcTimerTransaction timers = tx.workflow().timers();
                if (!timers.isRunning(timer.id())) {
                    return false;
                }
                final Instant now = now();
                timers.insertRung(timer, rung, now);
                final IssueSnapshot snapshot = tx.workflow().load(timer.issueId()).orElseThrow();
                final WorkflowCommand c = new WorkflowCommand(tx, snapshot,
                        Actor.platform(policy.platformBody().id()), ActionRequest.EMPTY, now, policy);
                if (timer.kind() == TimerKind.AUTO || timer.kind() == TimerKind.SENSOR_VERIFY) {
                    tx.workflow().bumpVersion(timer.issueId(), snapshot.control().version(), now);
                    expire(c, timer);
                } else {
                    EscalationRungs.rung(c, timer, rung);
                }
                event[0] = c.issueEvent();
                return true;
            });
            notifyListener(event[0]);
            return fired;
        } catch (final RungAlreadyFiredException e) {
            return false;
        }
    }

    private static void expire(final WorkflowCommand c, final RunningTimer timer) {
        if (timer.kind() == TimerKind.AUTO && c.state() == IssueState.AUTO_HANDLING) {
            EscalationRungs.autoFallback(c, "timebox ended at " + timer.dueAt());
        } else if (timer.kind() == TimerKind.SENSOR_VERIFY && c.state() == IssueState.VERIFYING) {
            SupervisionCommands.close(c, "FIXED", "传感器核查通过，已办结 / Verified by the sensor, closed");
        }
    }

    /**
     * The automation of an AUTO_HANDLING issue failed (e.g. the command could not be delivered): fall back to the
     * human route now instead of at the end of the timebox.
     *
     * @param issueId the issue, never null
     * @param why     internal reason, never null
     */
    public void autoFailed(final String issueId, final String why) {
        final IssueEvent event = store.inTransaction(tx -> {
            final IssueSnapshot snapshot = tx.workflow().load(issueId).orElseThrow();
            if (snapshot.state() != IssueState.AUTO_HANDLING) {
                return null;
            }
            final Instant now = now();
            tx.workflow().bumpVersion(issueId, snapshot.control().version(), now);
            final WorkflowCommand c = new WorkflowCommand(tx, snapshot, Actor.platform(policy.platformBody().id()),
                    ActionRequest.EMPTY, now, policy);
            EscalationRungs.autoFallback(c, why);
            return c.issueEvent();
        });
        notifyListener(event);
    }

    /**
     * @param issueId an issue id, never null
     * @return the issue with its control columns, or a 404 refusal
     */
    public ActionResult result(final String issueId) {
        final IssueDetail detail = store.find(issueId).orElseThrow(() ->
                ActionRefusedException.notFound("no issue " + issueId));
        final IssueControl control = store.inTransaction(tx -> tx.workflow().load(issueId)).orElseThrow()
                .control();
        return new ActionResult(detail, control);
    }

    /**
     * @param issueId an issue id
     * @return a snapshot with assignments, for access checks of reads
     */
    public java.util.Optional<IssueSnapshot> snapshot(final String issueId) {
        return store.inTransaction(tx -> tx.workflow().load(issueId));
    }

    void notifyListener(final IssueEvent event) {
        if (event == null) {
            return;
        }
        try {
            listener.onIssueEvent(event);
        } catch (final RuntimeException e) {
            LOG.error("Issue event listener failed on {} of {}", event.eventType(), event.issueId(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
