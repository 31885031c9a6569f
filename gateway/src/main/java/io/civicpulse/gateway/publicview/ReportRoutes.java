// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.residents.Channel;
import io.civicpulse.gateway.residents.ReportReceipt;
import io.civicpulse.gateway.residents.ReportRejectedException;
import io.civicpulse.gateway.residents.ReportService;
import io.civicpulse.gateway.residents.ReportValidator;
import io.civicpulse.gateway.residents.ResidentsConfig;
import io.civicpulse.gateway.residents.StoredReport;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Resident reports and the public view over HTTP: {@code POST /api/reports}, {@code GET /api/reports/{token}},
 * {@code GET /api/public/issues}, {@code GET /api/public/issues/{id}}. A bad field is a 400 naming it; an unknown
 * token or issue a 404. Nothing here answers with reporter identity.
 */
public final class ReportRoutes {
    private final ReportService reports;
    private final ReportValidator validator;
    private final PublicIssueService publicIssues;
    private final ResidentsConfig config;
    private final ObjectMapper json;

    /**
     * @param reports      report intake, never null
     * @param validator    field checks, never null
     * @param publicIssues public view, never null
     * @param config       size limits, never null
     * @param json         the gateway's JSON mapper, never null
     */
    public ReportRoutes(final ReportService reports, final ReportValidator validator,
                        final PublicIssueService publicIssues, final ResidentsConfig config, final ObjectMapper json) {
        this.reports = Objects.requireNonNull(reports, "reports must not be null.");
        this.validator = Objects.requireNonNull(validator, "validator must not be null.");
        this.publicIssues = Objects.requireNonNull(publicIssues, "publicIssues must not be null.");
        this.config = Objects.requireNonNull(config, "config must not be null.");
        this.json = Objects.requireNonNull(json, "json must not be null.");
    }

    /** @param config the Javalin configuration to add the routes to */
    public void mount(final JavalinConfig config) {
        config.routes.post("/api/reports", this::submit);
        config.routes.get("/api/reports/{token}", this::follow);
        config.routes.get("/api/public/issues", ctx -> ctx.json(publicIssues.list(PublicQueries.fromApi(ctx))));
        config.routes.get("/api/public/issues/{id}", ctx -> publicIssues.find(ctx.pathParam("id")).ifPresentOrElse(
                ctx::json, () -> error(ctx, 404, "no public issue " + ctx.pathParam("id"))));
        config.routes.exception(ReportRejectedException.class, (e, ctx) -> {
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", 400);
            body.put("error", e.getMessage());
            body.put("field", e.field());
            ctx.status(400).json(body);
        });
        config.routes.exception(BadParameterException.class, (e, ctx) -> error(ctx, 400, e.getMessage()));
    }

    private void submit(final Context ctx) {
        final ReportReceipt receipt = reports.submit(validator.validate(
                ReportForms.read(ctx, json, config.maxPhotoBytes()), Channel.WEB));
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("issueId", receipt.issueId());
        body.put("merged", receipt.merged());
        body.put("followToken", receipt.followToken());
        body.put("follow", "/api/reports/" + receipt.followToken());
        body.put("issue", "/api/public/issues/" + receipt.issueId());
        body.put("notice", "请保存跟进码，它只显示这一次 / Keep the follow token: it is shown only this once");
        ctx.status(201).json(body);
    }

    private void follow(final Context ctx) {
        final StoredReport report = reports.follow(ctx.pathParam("token")).orElse(null);
        if (report == null) {
            error(ctx, 404, "no report with this follow token");
            return;
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("issueId", report.issueId());
        body.put("category", report.category());
        body.put("reportedAt", report.submittedAt());
        body.put("merged", report.merged());
        body.put("issue", publicIssues.find(report.issueId()).orElse(null));
        ctx.json(body);
    }

    static void error(final Context ctx, final int status, final String message) {
        ctx.status(status).json(Map.of("status", status, "error", message));
    }
}
