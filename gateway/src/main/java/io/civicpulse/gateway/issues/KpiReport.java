// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Per-body KPIs over a period (GOVERNANCE.md §2.5: 及时签收率, 按期办结率, mean time to resolve, reopen rate, overdue
 * count), overall and per category. Computed on read from assignments and issues, so they are auditable. Immutable.
 *
 * @param from   start of the period (inclusive), never null
 * @param to     end of the period (exclusive), never null
 * @param bodies one entry per body that had an assignment or led an issue in the period, by body id
 */
public record KpiReport(Instant from, Instant to, List<BodyKpis> bodies) {
    /** Copies the list. */
    public KpiReport {
        Objects.requireNonNull(from, "from must not be null.");
        Objects.requireNonNull(to, "to must not be null.");
        bodies = List.copyOf(bodies);
    }

    /**
     * KPIs of one body, overall and per category.
     *
     * @param bodyId     the body
     * @param overall    all categories
     * @param byCategory per category code
     */
    public record BodyKpis(String bodyId, Kpis overall, Map<String, Kpis> byCategory) {
    }

    /**
     * One set of KPIs; rates are between 0 and 1, or null when there is nothing to rate.
     *
     * @param assignments          assignments dispatched to the body in the period
     * @param onTimeAcceptanceRate accepted by the accept deadline / assignments with an accept deadline
     * @param ledIssues            issues opened in the period that the body leads now
     * @param resolved             of those, resolved
     * @param onTimeResolutionRate resolved by the dispose deadline / resolved
     * @param meanMinutesToResolve mean minutes from opening to resolution, or null
     * @param reopenRate           reopened at least once / resolved
     * @param overdue              led issues still being worked on past their dispose deadline at {@code to}
     */
    public record Kpis(int assignments, Double onTimeAcceptanceRate, int ledIssues, int resolved,
                       Double onTimeResolutionRate, Long meanMinutesToResolve, Double reopenRate, int overdue) {
    }

    /** An assignment row for the report. */
    record AssignmentFact(String bodyId, String category, Instant acceptDeadline, Instant acceptedAt) {
    }

    /** A led-issue row for the report. */
    record IssueFact(String leadBodyId, String category, IssueState state, Instant openedAt, Instant resolvedAt,
                     Instant disposeDeadline, int reopenCount) {
    }

    static KpiReport compute(final Instant from, final Instant to, final List<AssignmentFact> assignments,
                             final List<IssueFact> issues) {
        final Map<String, Map<String, Acc>> acc = new TreeMap<>();
        for (final AssignmentFact a : assignments) {
            for (final Acc x : accs(acc, a.bodyId(), a.category())) {
                x.assignment(a);
            }
        }
        for (final IssueFact i : issues) {
            for (final Acc x : accs(acc, i.leadBodyId(), i.category())) {
                x.issue(i, to);
            }
        }
        final List<BodyKpis> out = new ArrayList<>();
        acc.forEach((body, byKey) -> {
            final Map<String, Kpis> cats = new LinkedHashMap<>();
            byKey.entrySet().stream().filter(e -> !e.getKey().isEmpty()).sorted(Map.Entry.comparingByKey())
                    .forEach(e -> cats.put(e.getKey(), e.getValue().kpis()));
            out.add(new BodyKpis(body, byKey.get("").kpis(), cats));
        });
        out.sort(Comparator.comparing(BodyKpis::bodyId));
        return new KpiReport(from, to, out);
    }

    private static List<Acc> accs(final Map<String, Map<String, Acc>> acc, final String body, final String cat) {
        final Map<String, Acc> byKey = acc.computeIfAbsent(body, b -> new TreeMap<>());
        return List.of(byKey.computeIfAbsent("", k -> new Acc()), byKey.computeIfAbsent(cat, k -> new Acc()));
    }

    /** Running sums of one body (and category). */
    private static final class Acc {
        private int assignments;
        private int timed;
        private int acceptedOnTime;
        private int led;
        private int resolved;
        private int resolvedOnTime;
        private long minutes;
        private int reopened;
        private int overdue;

        void assignment(final AssignmentFact a) {
            assignments++;
            if (a.acceptDeadline() != null) {
                timed++;
                if (a.acceptedAt() != null && !a.acceptedAt().isAfter(a.acceptDeadline())) {
                    acceptedOnTime++;
                }
            }
        }

        void issue(final IssueFact i, final Instant at) {
            led++;
            if (i.resolvedAt() != null) {
                resolved++;
                minutes += Duration.between(i.openedAt(), i.resolvedAt()).toMinutes();
                if (i.disposeDeadline() == null || !i.resolvedAt().isAfter(i.disposeDeadline())) {
                    resolvedOnTime++;
                }
                if (i.reopenCount() > 0) {
                    reopened++;
                }
            }
            final boolean working = i.state() == IssueState.DISPATCHED || i.state() == IssueState.IN_PROGRESS
                    || i.state() == IssueState.REGISTERED || i.state() == IssueState.AUTO_HANDLING;
            if (working && i.disposeDeadline() != null && i.disposeDeadline().isBefore(at)) {
                overdue++;
            }
        }

        Kpis kpis() {
            return new Kpis(assignments, rate(acceptedOnTime, timed), led, resolved, rate(resolvedOnTime, resolved),
                    resolved == 0 ? null : minutes / resolved, rate(reopened, resolved), overdue);
        }

        private static Double rate(final int part, final int whole) {
            return whole == 0 ? null : (double) part / whole;
        }
    }
}
