// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.publicview.BadParameterException;
import io.civicpulse.gateway.publicview.PublicIssue;
import io.civicpulse.gateway.publicview.PublicIssueService;
import io.civicpulse.gateway.publicview.PublicQueries;
import io.civicpulse.gateway.publicview.PublicQuery;
import io.civicpulse.gateway.residents.ReportRejectedException;
import io.civicpulse.gateway.residents.ReportValidator;
import io.civicpulse.gateway.residents.ResidentsConfig;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Open311 GeoReport v2 under {@code /open311/v2/} (GOVERNANCE.md §2.8): {@code discovery}, {@code services},
 * {@code services/{code}}, {@code requests} (GET and POST), {@code requests/{id}}, {@code tokens/{token}}, each
 * {@code .json} or {@code .xml}. Errors are the spec's array of {@code {code, description}} in the requested format.
 */
public final class Open311Routes {
    static final String BASE = "/open311/v2";
    /** Spec: "Default query limit is a span of 90 days or first 1000 requests returned, whichever is smallest." */
    static final Duration DEFAULT_SPAN = Duration.ofDays(90);
    private static final Logger LOG = LoggerFactory.getLogger(Open311Routes.class);

    private final GovernancePolicy policy;
    private final Set<String> jurisdictions;
    private final PublicIssueService publicIssues;
    private final Open311Requests intake;
    private final Open311Documents documents;
    private final Clock clock;

    /** Thrown inside a handler to answer with a spec error. */
    static final class Open311Error extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        Open311Error(final int status, final String description) {
            super(description, null, false, false);
            this.status = status;
        }
    }

    /** A handler that knows the requested format. */
    @FunctionalInterface
    private interface FormatHandler {
        void handle(Context ctx, Open311Format format);
    }

    /**
     * @param policy       categories, never null
     * @param validator    communities served (jurisdictions), never null
     * @param publicIssues the public view, never null
     * @param intake       POST requests, never null
     * @param config       discovery texts, never null
     * @param clock        for the default 90-day window, never null
     */
    public Open311Routes(final GovernancePolicy policy, final ReportValidator validator,
                         final PublicIssueService publicIssues, final Open311Requests intake,
                         final ResidentsConfig config, final Clock clock) {
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.jurisdictions = Objects.requireNonNull(validator, "validator must not be null.").communities();
        this.publicIssues = Objects.requireNonNull(publicIssues, "publicIssues must not be null.");
        this.intake = Objects.requireNonNull(intake, "intake must not be null.");
        this.documents = new Open311Documents(policy, Objects.requireNonNull(config, "config must not be null."));
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
    }

    /** @param config the Javalin configuration to add the routes to */
    public void mount(final JavalinConfig config) {
        config.routes.get(BASE + "/{file}", ctx -> serve(ctx, ctx.pathParam("file"), (c, f) -> top(c, f,
                name(c.pathParam("file")))));
        config.routes.post(BASE + "/{file}", ctx -> serve(ctx, ctx.pathParam("file"), (c, f) -> {
            requireName(c, "requests");
            send(c, f, 200, intake.create(c, jurisdiction(c, c.formParam("jurisdiction_id"))), "service_requests",
                    "request");
        }));
        config.routes.get(BASE + "/services/{file}", ctx -> serve(ctx, ctx.pathParam("file"), this::definition));
        config.routes.get(BASE + "/requests/{file}", ctx -> serve(ctx, ctx.pathParam("file"), this::oneRequest));
        config.routes.get(BASE + "/tokens/{file}", ctx -> serve(ctx, ctx.pathParam("file"), this::token));
    }

    private void top(final Context ctx, final Open311Format f, final String name) {
        switch (name) {
            case "discovery" -> send(ctx, f, 200, documents.discovery(ctx.scheme() + "://" + ctx.host() + BASE + "/"),
                    "discovery", null);
            case "services" -> {
                jurisdiction(ctx, ctx.queryParam("jurisdiction_id"));
                send(ctx, f, 200, documents.services(), "services", "service");
            }
            case "requests" -> send(ctx, f, 200, requests(ctx), "service_requests", "request");
            default -> throw new Open311Error(404, "no resource " + name
                    + "; expected discovery, services or requests");
        }
    }

    private List<Map<String, Object>> requests(final Context ctx) {
        final String community = jurisdiction(ctx, ctx.queryParam("jurisdiction_id"));
        final List<String> ids = PublicQueries.list(ctx.queryParam("service_request_id"));
        final int pageSize = PublicQueries.integer("page_size", ctx.queryParam("page_size"), PublicQuery.MAX_LIMIT, 1,
                PublicQuery.MAX_LIMIT);
        final int page = PublicQueries.integer("page", ctx.queryParam("page"), 1, 1, 100_000);
        final PublicQuery query;
        if (!ids.isEmpty()) {
            // Spec: "If this parameter is provided, all other query parameters are ignored."
            query = new PublicQuery(community, ids, List.of(), List.of(), null, null, PublicQuery.MAX_LIMIT, 0);
        } else {
            Instant from = PublicQueries.datetime("start_date", ctx.queryParam("start_date"));
            Instant to = PublicQueries.datetime("end_date", ctx.queryParam("end_date"));
            if (from == null && to == null) {
                to = clock.instant();
                from = to.minus(DEFAULT_SPAN);
            } else if (from != null && to != null && from.isAfter(to)) {
                throw new BadParameterException("start_date must not be after end_date");
            }
            final List<String> codes = PublicQueries.list(ctx.queryParam("service_code"));
            codes.forEach(this::requireService);
            query = new PublicQuery(community, List.of(), codes, PublicQueries.statuses("status",
                    ctx.queryParam("status")), from, to, pageSize, (page - 1) * pageSize);
        }
        return publicIssues.list(query).stream().map(documents::request).toList();
    }

    private void definition(final Context ctx, final Open311Format f) {
        jurisdiction(ctx, ctx.queryParam("jurisdiction_id"));
        send(ctx, f, 200, documents.definition(requireService(name(ctx.pathParam("file")))), "service_definition",
                null);
    }

    private void oneRequest(final Context ctx, final Open311Format f) {
        final String community = jurisdiction(ctx, ctx.queryParam("jurisdiction_id"));
        final String id = name(ctx.pathParam("file"));
        final PublicIssue issue = publicIssues.find(id).filter(p -> p.community().equals(community))
                .orElseThrow(() -> new Open311Error(404, "service_request_id " + id + " not found"));
        send(ctx, f, 200, List.of(documents.request(issue)), "service_requests", "request");
    }

    private void token(final Context ctx, final Open311Format f) {
        jurisdiction(ctx, ctx.queryParam("jurisdiction_id"));
        final String token = name(ctx.pathParam("file"));
        final String issueId = intake.issueOfToken(token)
                .orElseThrow(() -> new Open311Error(404, "token not found"));
        send(ctx, f, 200, List.of(Map.of("service_request_id", issueId, "token", token)), "service_requests",
                "request");
    }

    private Category requireService(final String code) {
        return policy.category(code).filter(ReportValidator::isReportable)
                .orElseThrow(() -> new Open311Error(404, "service_code " + code + " not found"));
    }

    /** Spec: required only where one endpoint serves several jurisdictions; an unknown one is a 404. */
    private String jurisdiction(final Context ctx, final String raw) {
        if (raw == null || raw.isBlank()) {
            if (jurisdictions.size() == 1) {
                return jurisdictions.iterator().next();
            }
            throw new Open311Error(400, "jurisdiction_id was not provided; this endpoint serves " + jurisdictions);
        }
        if (!jurisdictions.contains(raw.trim())) {
            throw new Open311Error(404, "jurisdiction_id " + raw.trim() + " not found");
        }
        return raw.trim();
    }

    private static void requireName(final Context ctx, final String expected) {
        if (!expected.equals(name(ctx.pathParam("file")))) {
            throw new Open311Error(404, "cannot POST to " + ctx.pathParam("file") + "; POST requests.json or "
                    + "requests.xml");
        }
    }

    private static void serve(final Context ctx, final String file, final FormatHandler handler) {
        final int dot = file.lastIndexOf('.');
        final Open311Format format = dot < 0 ? null : Open311Format.of(file.substring(dot + 1));
        if (format == null) {
            // No format to answer in: JSON is the documented fallback for errors about the format itself.
            send(ctx, Open311Format.JSON, 400, List.of(Open311Documents.error(400, file + " has no format; append "
                    + ".json or .xml")), "errors", "error");
            return;
        }
        try {
            handler.handle(ctx, format);
        } catch (final Open311Error e) {
            send(ctx, format, e.status, List.of(Open311Documents.error(e.status, e.getMessage())), "errors", "error");
        } catch (final BadParameterException e) {
            send(ctx, format, 400, List.of(Open311Documents.error(400, e.getMessage())), "errors", "error");
        } catch (final ReportRejectedException e) {
            send(ctx, format, 400, List.of(Open311Documents.error(400, Open311Requests.describe(e))), "errors",
                    "error");
        } catch (final RuntimeException e) {
            LOG.error("Open311 {} {} failed", ctx.method(), ctx.path(), e);
            send(ctx, format, 500, List.of(Open311Documents.error(500, "internal error")), "errors", "error");
        }
    }

    private static void send(final Context ctx, final Open311Format f, final int status, final Object body,
                             final String root, final String item) {
        ctx.status(status).contentType(f.contentType()).result(f.write(body, root, item));
    }

    private static String name(final String file) {
        final int dot = file.lastIndexOf('.');
        return dot < 0 ? file : file.substring(0, dot);
    }
}
