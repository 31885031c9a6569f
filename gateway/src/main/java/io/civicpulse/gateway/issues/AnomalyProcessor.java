// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.RoutingClass;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Applies one anomaly to the issue store: open, merge (and reopen from VERIFYING), or start verification.
 *
 * <p>Threading: runs on the issue worker thread; each anomaly is one transaction (plus retries of a lost open
 * race), so two gateway instances on one PostgreSQL stay consistent.
 */
final class AnomalyProcessor {
    /** Unknown category codes are logged once each; the set is capped so a buggy rule cannot grow it forever. */
    private static final int MAX_REMEMBERED_UNKNOWN = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(AnomalyProcessor.class);

    private final JdbcIssueStore store;
    private final GovernancePolicy policy;
    private final Clock clock;
    private final IssueNotes notes;
    private final Set<String> unknownCategories = ConcurrentHashMap.newKeySet();

    /** The result of one anomaly: outcome, the event for listeners (or null) and the class of an opened issue. */
    record Processed(AnomalyOutcome outcome, IssueEvent event, RoutingClass openedClass) {
        static Processed of(final AnomalyOutcome outcome) {
            return new Processed(outcome, null, null);
        }
    }

    AnomalyProcessor(final JdbcIssueStore store, final GovernancePolicy policy, final Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
        this.notes = new IssueNotes(policy);
    }

    /**
     * The key of "one open issue per device and category". Community is part of it because device ids are only
     * unique within a community. Same format as the SQL in {@link JdbcIssueTransaction#updateState}.
     */
    static String openKey(final String community, final String deviceId, final String category) {
        return community + "|" + deviceId + "|" + category;
    }

    /** Database precision is microseconds; truncating here keeps stored and returned instants equal. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    Processed process(final Anomaly a) {
        final Optional<Category> category = policy.category(a.category());
        if (category.isEmpty()) {
            if (unknownCategories.size() < MAX_REMEMBERED_UNKNOWN && unknownCategories.add(a.category())) {
                LOG.warn("Anomaly category '{}' (rule {}) is not in the governance policy {}; such anomalies are "
                        + "counted and dropped", a.category(), a.ruleId(), policy.source());
            }
            return Processed.of(AnomalyOutcome.UNKNOWN_CATEGORY);
        }
        final String key = openKey(a.community(), a.deviceId(), a.category());
        if (a.status() == AnomalyStatus.RAISED) {
            return store.openOrMerge(key, tx -> reopenOrOpen(tx, a, category.get(), key),
                    (tx, issue) -> merge(tx, a, issue));
        }
        return store.withOpenIssue(key, (tx, issue) -> clear(tx, a, issue),
                () -> Processed.of(AnomalyOutcome.IGNORED));
    }

    /** §2.6: a re-trigger within the reopen window after closing reopens the same issue (重办). */
    private Processed reopenOrOpen(final JdbcIssueTransaction tx, final Anomaly a, final Category c,
                                   final String key) {
        final Instant now = now();
        final Instant since = now.minus(policy.escalation().reopenWindow().toNaturalDuration());
        final Optional<String> closed = a.deviceId() == null ? Optional.empty()
                : tx.workflow().lockRecentlyClosed(a.community(), a.deviceId(), c.code(), since);
        if (closed.isEmpty()) {
            return open(tx, a, c, key);
        }
        final IssueSummary issue = tx.workflow().load(closed.get()).orElseThrow().issue();
        tx.updateState(issue.id(), IssueState.CLOSED, IssueState.IN_PROGRESS, now);
        tx.incrementReopenCount(issue.id(), now);
        tx.addOccurrence(issue.id(), now);
        IssueTimers.reopened(tx, issue.id(), c, policy, now);
        final TimelineEvent last = new TimelineEvent(0, issue.id(), now, TimelineEventType.REOPENED, actor(),
                IssueState.CLOSED, IssueState.IN_PROGRESS, notes.reopened(), "sensor raised again within the reopen "
                + "window " + policy.escalation().reopenWindow() + ", same lead | " + notes.evidence(a));
        tx.appendEvent(last);
        return new Processed(AnomalyOutcome.MERGED, event(issue, IssueState.IN_PROGRESS, last,
                tx.assignedBodyIds(issue.id())), null);
    }

    private Processed open(final JdbcIssueTransaction tx, final Anomaly a, final Category c, final String key) {
        final Instant now = now();
        final String id = tx.nextIssueId(LocalDate.ofInstant(now, policy.calendar().zone()).getYear());
        final IssueOpening opening = IssueOpening.plan(id, a, c, policy, now);
        tx.insertIssue(opening.issue(), key);
        IssueTimers.dispatch(tx, opening, c, now);
        opening.events().forEach(tx::appendEvent);
        final IssueEvent event = event(opening.issue(), opening.issue().state(), opening.lastEvent(),
                opening.bodyIds());
        return new Processed(AnomalyOutcome.OPENED, event, c.routingClass());
    }

    /** A recurrence counts as an occurrence; during verification it also proves the fix failed (§2.2 返工). */
    private Processed merge(final JdbcIssueTransaction tx, final Anomaly a, final IssueSummary issue) {
        final Instant now = now();
        final int count = tx.addOccurrence(issue.id(), now);
        TimelineEvent last = step(issue, now, TimelineEventType.OCCURRENCE, issue.state(), notes.occurrence(count),
                notes.evidence(a));
        tx.appendEvent(last);
        IssueState state = issue.state();
        if (state == IssueState.VERIFYING) {
            state = IssueState.IN_PROGRESS;
            tx.updateState(issue.id(), IssueState.VERIFYING, state, now);
            tx.incrementReopenCount(issue.id(), now);
            policy.category(issue.category()).ifPresent(c -> IssueTimers.reopened(tx, issue.id(), c, policy, now));
            last = new TimelineEvent(0, issue.id(), now, TimelineEventType.REOPENED, actor(), IssueState.VERIFYING,
                    state, notes.reopened(), "reopen #" + (issue.reopenCount() + 1) + ": sensor raised again during "
                    + "verification, same lead | " + notes.evidence(a));
            tx.appendEvent(last);
        }
        return new Processed(AnomalyOutcome.MERGED, event(issue, state, last, tx.assignedBodyIds(issue.id())), null);
    }

    /** §2.6: a clear moves the issue to VERIFYING, never straight to CLOSED. */
    private Processed clear(final JdbcIssueTransaction tx, final Anomaly a, final IssueSummary issue) {
        if (!issue.state().canTransitionTo(IssueState.VERIFYING)) {
            return Processed.of(AnomalyOutcome.IGNORED);
        }
        final Instant now = now();
        tx.updateState(issue.id(), issue.state(), IssueState.VERIFYING, now);
        IssueTimers.sensorVerification(tx, issue.id(), policy, now);
        final TimelineEvent last = new TimelineEvent(0, issue.id(), now, TimelineEventType.VERIFICATION_STARTED,
                actor(), issue.state(), IssueState.VERIFYING, notes.verificationStarted(),
                "sensor cleared | " + notes.evidence(a));
        tx.appendEvent(last);
        return new Processed(AnomalyOutcome.CLEARED,
                event(issue, IssueState.VERIFYING, last, tx.assignedBodyIds(issue.id())), null);
    }

    private TimelineEvent step(final IssueSummary issue, final Instant now, final TimelineEventType type,
                               final IssueState state, final String publicNote, final String internalNote) {
        return new TimelineEvent(0, issue.id(), now, type, actor(), state, state, publicNote, internalNote);
    }

    private String actor() {
        return policy.platformBody().id();
    }

    private static IssueEvent event(final IssueSummary issue, final IssueState state, final TimelineEvent last,
                                    final List<String> bodyIds) {
        return new IssueEvent(issue.id(), issue.community(), issue.category(), issue.severity().name(), state.name(),
                last.type().name(), bodyIds, issue.deviceId(), last.at(), issue.disposeDeadline(), last.publicNote());
    }
}
