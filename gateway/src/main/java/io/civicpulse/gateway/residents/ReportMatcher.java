// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.residents;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides where a report belongs (GOVERNANCE.md §2.4 step 1 and §2.6): the asset it is about, and the open issue it
 * merges into. Thread-safe.
 */
public final class ReportMatcher {
    private final GovernancePolicy policy;
    private final Registry registry;
    private final ResidentsConfig config;
    private final JdbcReportStore reports;

    /**
     * @param policy   categories (for category families), never null
     * @param registry asset positions, never null
     * @param config   radii and merge window, never null
     * @param reports  report store (positions of issues opened by residents), never null
     */
    public ReportMatcher(final GovernancePolicy policy, final Registry registry, final ResidentsConfig config,
                         final JdbcReportStore reports) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.registry = Objects.requireNonNull(registry, "registry must not be null.");
        this.config = Objects.requireNonNull(config, "config must not be null.");
        this.reports = Objects.requireNonNull(reports, "reports must not be null.");
    }

    /** @return days an issue takes spatially merged reports after it opened */
    int mergeWindowDays() {
        return config.mergeWindowDays();
    }

    /**
     * §2.4 step 1: the nearest registered asset of the category's group in the community within the group's radius.
     *
     * @param r the report, never null
     * @param c its category, never null
     * @return the asset id, or empty when none is close enough
     */
    public Optional<String> snapAsset(final ReportRequest r, final Category c) {
        final double radius = config.group(c.group()).mergeRadiusMetres();
        return registry.devices().stream()
                .filter(d -> d.community().equals(r.community()) && AssetGroups.fits(d.type(), c.group()))
                .filter(d -> !Double.isNaN(d.lat()) && !Double.isNaN(d.lon()))
                .map(d -> Map.entry(d.id(), Geo.metres(r.lat(), r.lon(), d.lat(), d.lon())))
                .filter(e -> e.getValue() <= radius)
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /**
     * The open issue the report merges into: with an asset, one on that asset in the same category family (the
     * same category preferred; internal categories never, so a report cannot vanish into a hidden issue);
     * without, the nearest of the same category within the radius, opened since {@code since}.
     */
    Optional<String> findOpenIssue(final JdbcReportStore.Tx tx, final ReportRequest r, final Category c,
                                   final String assetId, final Instant since) {
        if (assetId != null) {
            final List<String> family = policy.categories().values().stream()
                    .filter(x -> x.group().equals(c.group()) && ReportValidator.isReportable(x))
                    .map(Category::code).toList();
            return reports.openCandidates(tx, r.community(), family, Instant.EPOCH).stream()
                    .filter(o -> assetId.equals(o.deviceId()))
                    .min(Comparator.comparing((OpenCandidate o) -> !o.category().equals(c.code()))
                            .thenComparing(OpenCandidate::openedAt))
                    .map(OpenCandidate::issueId);
        }
        final List<OpenCandidate> sameCategory = reports.openCandidates(tx, r.community(), List.of(c.code()), since);
        final Map<String, double[]> reported = reports.firstLocations(sameCategory.stream()
                .filter(o -> o.deviceId() == null).map(OpenCandidate::issueId).toList());
        final double radius = config.group(c.group()).mergeRadiusMetres();
        return sameCategory.stream()
                .map(o -> Map.entry(o.issueId(), position(o, reported)))
                .filter(e -> e.getValue() != null)
                .map(e -> Map.entry(e.getKey(), Geo.metres(r.lat(), r.lon(), e.getValue()[0], e.getValue()[1])))
                .filter(e -> e.getValue() <= radius)
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }

    /** Where an issue is: its asset's registered position, or where residents first reported it. */
    private double[] position(final OpenCandidate o, final Map<String, double[]> reported) {
        if (o.deviceId() == null) {
            return reported.get(o.issueId());
        }
        return registry.device(o.deviceId()).filter(d -> !Double.isNaN(d.lat()))
                .map((Device d) -> new double[] {d.lat(), d.lon()}).orElse(null);
    }
}
