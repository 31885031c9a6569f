// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.Visibility;
import io.civicpulse.gateway.issues.AssignmentRole;
import io.civicpulse.gateway.issues.IssueDetail;
import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.IssueSummary;
import io.civicpulse.gateway.issues.TimelineEvent;
import io.civicpulse.gateway.issues.TimelineEventType;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.residents.Geo;
import io.civicpulse.gateway.residents.ResidentsConfig;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the public view of an issue (GOVERNANCE.md §2.7). Only fields copied here can ever be public, so new
 * internal fields of {@link IssueDetail} stay private by default. Thread-safe.
 */
public final class PublicProjection {
    /** R0 提醒 and R1 黄色预警 are internal (§2.5); only R2 督办 and R3 上报上级 are public. */
    private static final Set<TimelineEventType> INTERNAL_STEPS = EnumSet.of(TimelineEventType.REMINDED,
            TimelineEventType.YELLOW_WARNING);
    /** States in which the dispose (or accept) clock runs; PARKED pauses it, RESOLVED/VERIFYING have stopped it. */
    private static final Set<IssueState> CLOCK_RUNS = EnumSet.of(IssueState.AUTO_HANDLING, IssueState.REGISTERED,
            IssueState.DISPATCHED, IssueState.IN_PROGRESS);
    private static final Map<String, Bilingual> GENERALISED = Map.of(
            "gate", new Bilingual("小区门禁设施故障", "Compound access gate fault"),
            "streetlight", new Bilingual("路灯设施故障", "Streetlight fault"),
            "waste", new Bilingual("环卫设施问题", "Waste facility problem"));

    private final GovernancePolicy policy;
    private final Registry registry;
    private final ResidentsConfig config;

    /**
     * @param policy   categories and bodies, never null
     * @param registry asset positions, never null
     * @param config   public precision per group, never null
     */
    public PublicProjection(final GovernancePolicy policy, final Registry registry, final ResidentsConfig config) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.registry = Objects.requireNonNull(registry, "registry must not be null.");
        this.config = Objects.requireNonNull(config, "config must not be null.");
    }

    /**
     * @param summary an issue row
     * @return true if the public may see it at all (INTERNAL categories never)
     */
    public static boolean isPublic(final IssueSummary summary) {
        return summary.visibility() != Visibility.INTERNAL;
    }

    /**
     * @param d        a public issue ({@link #isPublic}), never null
     * @param reported where residents first reported it ({lat, lon}), or null
     * @param now      current time, for the overdue flag
     * @return the public view
     */
    public PublicIssue project(final IssueDetail d, final double[] reported, final Instant now) {
        final IssueSummary s = d.issue();
        final Category c = policy.category(s.category()).orElse(null);
        final boolean generalised = s.visibility() == Visibility.PUBLIC_GENERALISED && s.state() != IssueState.CLOSED;
        final String group = c == null ? "other" : c.group();
        final Bilingual name = generalised ? GENERALISED.getOrDefault(group, new Bilingual("设施故障", "Facility fault"))
                : c == null ? new Bilingual(s.category(), s.category()) : new Bilingual(c.nameZh(), c.nameEn());
        final List<PublicIssue.PublicStep> steps = steps(d.timeline(), generalised);
        final String supervision = supervision(d.timeline());
        return new PublicIssue(s.id(), s.community(), s.category(), name, group, PublicStates.open311Status(s.state()),
                s.state().name(), PublicStates.label(s.state(), d.timeline()), generalised,
                location(s, group, reported, generalised), body(s.leadBodyId()), assists(d), s.openedAt(),
                steps.isEmpty() ? s.updatedAt() : steps.get(steps.size() - 1).at(), s.acceptDeadline(),
                s.disposeDeadline(), overdue(s, now), supervision, supervisionLabel(supervision),
                s.occurrenceCount(), lastNote(steps), steps);
    }

    private List<PublicIssue.PublicStep> steps(final List<TimelineEvent> timeline, final boolean generalised) {
        final List<PublicIssue.PublicStep> out = new ArrayList<>();
        for (final TimelineEvent e : timeline) {
            if (INTERNAL_STEPS.contains(e.type()) || e.publicNote() == null && !generalised) {
                continue;
            }
            final IssueState after = e.toState();
            // Generalised: the step and its time are public, its note (which names the fault) is not.
            out.add(new PublicIssue.PublicStep(e.at(), e.type().name(), after == null ? null
                    : PublicStates.label(after), e.actorBodyId() == null ? null : body(e.actorBodyId()),
                    generalised ? null : e.publicNote()));
        }
        return out;
    }

    private PublicIssue.PublicLocation location(final IssueSummary s, final String group, final double[] reported,
                                                final boolean generalised) {
        final Device asset = s.deviceId() == null ? null : registry.device(s.deviceId()).orElse(null);
        final String address = asset != null && !asset.area().isEmpty() ? s.community() + " · " + asset.area()
                : s.community();
        if (generalised) {
            return new PublicIssue.PublicLocation(null, null, "withheld", s.community());
        }
        final int decimals = config.group(group).publicDecimals();
        if (asset != null && !Double.isNaN(asset.lat())) {
            // Lamps and bins stand in public space; a gate belongs to a compound, so it is rounded like a home.
            if (!"gate".equals(group)) {
                return new PublicIssue.PublicLocation(asset.lat(), asset.lon(), "asset", address);
            }
            return new PublicIssue.PublicLocation(Geo.round(asset.lat(), decimals), Geo.round(asset.lon(), decimals),
                    "rounded", address);
        }
        if (reported != null) {
            return new PublicIssue.PublicLocation(Geo.round(reported[0], decimals), Geo.round(reported[1], decimals),
                    "rounded", address);
        }
        return new PublicIssue.PublicLocation(null, null, "withheld", address);
    }

    private static boolean overdue(final IssueSummary s, final Instant now) {
        if (!CLOCK_RUNS.contains(s.state())) {
            return false;
        }
        final boolean disposeLate = s.disposeDeadline() != null && now.isAfter(s.disposeDeadline());
        final boolean acceptLate = s.state() == IssueState.DISPATCHED && s.acceptDeadline() != null
                && now.isAfter(s.acceptDeadline());
        return disposeLate || acceptLate;
    }

    /** The highest public rung since the issue was last (re)dispatched: a new cycle starts clean (§2.5). */
    private static String supervision(final List<TimelineEvent> timeline) {
        String level = null;
        for (final TimelineEvent e : timeline) {
            switch (e.type()) {
                case DISPATCHED, REOPENED -> level = null;
                case RED_SUPERVISION -> level = level == null ? e.type().name() : level;
                case REPORTED_UP -> level = e.type().name();
                default -> {
                }
            }
        }
        return level;
    }

    private static Bilingual supervisionLabel(final String supervision) {
        if (supervision == null) {
            return null;
        }
        return "REPORTED_UP".equals(supervision) ? new Bilingual("已上报上级", "Reported to the superior body")
                : new Bilingual("已超期·督办中", "Overdue: supervision notice issued");
    }

    private List<Bilingual> assists(final IssueDetail d) {
        return d.assignments().stream().filter(a -> a.role() != AssignmentRole.LEAD)
                .map(a -> body(a.bodyId())).distinct().toList();
    }

    private Bilingual body(final String id) {
        return policy.body(id).map(Bilingual::of).orElseGet(() -> new Bilingual("其他单位", "Another body"));
    }

    private static String lastNote(final List<PublicIssue.PublicStep> steps) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).note() != null) {
                return steps.get(i).note();
            }
        }
        return null;
    }
}
