// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.publicview.PublicIssueService;
import io.civicpulse.gateway.publicview.PublicProjection;
import io.civicpulse.gateway.publicview.ReportRoutes;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.residents.JdbcReportStore;
import io.civicpulse.gateway.residents.ReportMatcher;
import io.civicpulse.gateway.residents.ReportService;
import io.civicpulse.gateway.residents.ReportValidator;
import io.civicpulse.gateway.residents.ResidentsConfig;
import io.javalin.config.JavalinConfig;

import java.time.Clock;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Wires the resident-facing features — reports, the public view and Open311 — over the issue database, and mounts
 * their routes. It lives here because Open311 is the feature that depends on the other two.
 */
public final class PublicApi implements Consumer<JavalinConfig> {
    private final ReportRoutes reportRoutes;
    private final Open311Routes open311Routes;

    private PublicApi(final ReportRoutes reportRoutes, final Open311Routes open311Routes) {
        this.reportRoutes = reportRoutes;
        this.open311Routes = open311Routes;
    }

    /**
     * @param dataSource the migrated issue database
     * @param policy     governance policy
     * @param registry   devices (assets, communities)
     * @param config     resident settings
     * @param clock      the gateway clock
     * @param listener   told about issue changes caused by reports (crew alerts)
     * @param json       the gateway's JSON mapper
     * @return the wired routes
     */
    public static PublicApi create(final DataSource dataSource, final GovernancePolicy policy, final Registry registry,
                                   final ResidentsConfig config, final Clock clock, final IssueEventListener listener,
                                   final ObjectMapper json) {
        final JdbcIssueStore issues = new JdbcIssueStore(dataSource);
        final JdbcReportStore reports = new JdbcReportStore(dataSource);
        final ReportValidator validator = new ReportValidator(policy, registry, config);
        final ReportService service = new ReportService(reports, issues, policy,
                new ReportMatcher(policy, registry, config, reports), clock, listener);
        final PublicIssueService publicIssues = new PublicIssueService(dataSource, issues, reports,
                new PublicProjection(policy, registry, config), clock);
        return new PublicApi(new ReportRoutes(service, validator, publicIssues, config, json),
                new Open311Routes(policy, validator, publicIssues, new Open311Requests(service, validator, policy,
                        config), config, clock));
    }

    @Override
    public void accept(final JavalinConfig config) {
        reportRoutes.mount(config);
        open311Routes.mount(config);
    }
}
