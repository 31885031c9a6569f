// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.issues.IssueDetail;
import io.civicpulse.gateway.issues.IssueEvent;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.issues.IssueStoreException;
import io.civicpulse.gateway.issues.IssueTransactions;
import io.civicpulse.gateway.issues.TimelineEvent;
import io.civicpulse.gateway.issues.TimelineEventType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Takes resident reports (GOVERNANCE.md §2.6): each is merged into a matching open issue — same asset and category
 * family, or, without an asset, same category within the group's radius and the merge window — or opens a new issue
 * on the sensor path. The report row and the issue change commit in one transaction.
 *
 * <p>Threading: any thread (HTTP handlers). Races with the sensor path on the same asset and category are settled
 * by the database's unique open key: the loser retries and merges. Two residents reporting the same spot without
 * an asset at the same instant may open two issues; staff merge those later (§2.6 "staff can merge later").
 */
public final class ReportService {
    private static final int MAX_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ReportService.class);

    private final JdbcReportStore reports;
    private final JdbcIssueStore issues;
    private final GovernancePolicy policy;
    private final ReportMatcher matcher;
    private final Clock clock;
    private final IssueEventListener listener;
    private final ReportNotes notes;

    /**
     * @param reports  report store, never null
     * @param issues   issue store (to read an issue back for listeners), never null
     * @param policy   categories and routing, never null
     * @param matcher  finds assets and open issues to merge into, never null
     * @param clock    time of reports and deadlines, never null
     * @param listener told about every committed issue change (crew alerts), never null
     */
    public ReportService(final JdbcReportStore reports, final JdbcIssueStore issues, final GovernancePolicy policy,
                         final ReportMatcher matcher, final Clock clock, final IssueEventListener listener) {
        this.reports = Objects.requireNonNull(reports, "reports must not be null.");
        this.issues = Objects.requireNonNull(issues, "issues must not be null.");
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.matcher = Objects.requireNonNull(matcher, "matcher must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.listener = Objects.requireNonNull(listener, "listener must not be null.");
        this.notes = new ReportNotes(policy);
    }

    /**
     * @param request a validated report, never null
     * @return the issue it joined and the follow token (returned only here)
     * @throws io.civicpulse.gateway.issues.IssueStoreException on a database error
     */
    public ReportReceipt submit(final ReportRequest request) {
        Objects.requireNonNull(request, "request must not be null.");
        // Validation guarantees the category exists.
        final Category category = policy.category(request.category()).orElseThrow();
        final String assetId = request.assetId() != null ? request.assetId() : matcher.snapAsset(request, category)
                .orElse(null);
        for (int attempt = 1; ; attempt++) {
            try {
                final ReportReceipt receipt = reports.inTransaction(tx -> place(tx, request, category, assetId));
                notifyListener(receipt.issueId());
                return receipt;
            } catch (final IssueStoreException e) {
                if (!IssueTransactions.isOpenKeyConflict(e) || attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                LOG.debug("A sensor opened {} on {} first (attempt {}); merging", category.code(), assetId, attempt);
            }
        }
    }

    /**
     * @param token a follow token from a receipt
     * @return the report it follows, or empty for an unknown or malformed token
     */
    public Optional<StoredReport> follow(final String token) {
        if (!FollowTokens.looksValid(token)) {
            return Optional.empty();
        }
        return reports.findByTokenHash(FollowTokens.hash(token));
    }

    private ReportReceipt place(final JdbcReportStore.Tx tx, final ReportRequest r, final Category c,
                                final String assetId) {
        final Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        final String reportId = "RR-" + UUID.randomUUID();
        final String token = FollowTokens.newToken();
        final String internal = notes.internal(reportId, r.channel(), assetId);
        final Instant since = now.minus(Duration.ofDays(matcher.mergeWindowDays()));
        final Optional<String> target = matcher.findOpenIssue(tx, r, c, assetId, since);
        final Optional<IssueState> state = target.flatMap(id -> reports.lockIfOpen(tx, id));
        final String issueId;
        if (state.isPresent()) {
            issueId = target.get();
            final int count = tx.issues().addOccurrence(issueId, now);
            // §2.6 resident after sensor: attaches and counts; never changes state or severity.
            tx.issues().appendEvent(new TimelineEvent(0, issueId, now, TimelineEventType.OCCURRENCE,
                    policy.platformBody().id(), state.get(), state.get(), notes.mergedPublic(count), internal));
        } else {
            issueId = tx.issues().nextIssueId(LocalDate.ofInstant(now, policy.calendar().zone()).getYear());
            final ReportOpening opening = ReportOpening.plan(issueId, r, assetId, c, policy, internal, now);
            // Same key format as sensor issues (AnomalyProcessor.openKey): a sensor anomaly on this asset merges here.
            tx.issues().insertIssue(opening.issue(), assetId == null ? null
                    : r.community() + "|" + assetId + "|" + c.code());
            opening.assignments().forEach(a -> tx.issues().insertAssignment(issueId, a));
            opening.events().forEach(tx.issues()::appendEvent);
        }
        reports.insert(tx, reportId, issueId, r, assetId, FollowTokens.hash(token), state.isPresent(), now);
        return new ReportReceipt(reportId, issueId, state.isPresent(), token);
    }

    private void notifyListener(final String issueId) {
        try {
            issues.find(issueId).map(ReportService::lastEvent).ifPresent(listener::onIssueEvent);
        } catch (final RuntimeException e) {
            // The report is committed; a failing alert must not turn it into an error for the resident.
            LOG.error("Issue event listener failed for resident report on {}", issueId, e);
        }
    }

    private static IssueEvent lastEvent(final IssueDetail d) {
        final TimelineEvent last = d.timeline().get(d.timeline().size() - 1);
        return new IssueEvent(d.issue().id(), d.issue().community(), d.issue().category(),
                d.issue().severity().name(), d.issue().state().name(), last.type().name(),
                d.assignments().stream().map(a -> a.bodyId()).distinct().toList(), d.issue().deviceId(), last.at(),
                d.issue().disposeDeadline(), last.publicNote());
    }
}
