// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.auth.Actor;
import io.civicpulse.gateway.auth.AuthException;
import io.civicpulse.gateway.escalation.GovernanceRuntime;
import io.civicpulse.gateway.governance.Visibility;
import io.civicpulse.gateway.issues.ActionRefusedException;
import io.civicpulse.gateway.issues.ActionRequest;
import io.civicpulse.gateway.issues.ConcurrentIssueChangeException;
import io.civicpulse.gateway.issues.IllegalTransitionException;
import io.civicpulse.gateway.issues.IssueDetail;
import io.civicpulse.gateway.issues.IssueQuery;
import io.civicpulse.gateway.issues.IssueService;
import io.civicpulse.gateway.issues.IssueState;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HTTP routes of the governance engine: sign-in, issue actions, the signed-in body's own issues, the supervision
 * watch list and KPIs. Every refusal is a JSON {@code {"status", "error"}} with 400, 401, 403, 404 or 409.
 *
 * <p>Issue reads ({@code GET /api/issues}, {@code /api/issues/{id}}) show the internal view (notes, evidence, device
 * ids), so they need a token too: the supervision centre and party watchers see every issue, every other body only
 * the issues it is assigned to (lead, assist or summoned). Residents and the public read the public projection
 * ({@code /api/public/issues}, Open311) instead. {@code GET /api/my/issues} is the same list under its older name.
 */
public final class GovernanceRoutes {
    private final GovernanceRuntime runtime;
    private final IssueService issues;
    private final ObjectMapper strictJson;

    /**
     * @param runtime the governance engine, never null
     * @param issues  issue reads, never null
     * @param json    the gateway's JSON mapper, never null
     */
    public GovernanceRoutes(final GovernanceRuntime runtime, final IssueService issues, final ObjectMapper json) {
        this.runtime = Objects.requireNonNull(runtime, "runtime must not be null.");
        this.issues = Objects.requireNonNull(issues, "issues must not be null.");
        // A misspelt field ("reson") must be an error, not silently ignored.
        this.strictJson = Objects.requireNonNull(json, "json must not be null.").copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** @param config the Javalin configuration to add the routes to */
    public void register(final JavalinConfig config) {
        // Operations routes of other features (rule ops, silences, alert delivery, fleet status) need a signed-in
        // user: a silence or a rule reload changes what crews are told, and the logs, the stream and the fleet carry
        // device ids and evidence.
        for (final String path : OPERATIONS_PATHS) {
            config.routes.before(path, ctx -> actor(ctx));
        }
        config.routes.before("/api/events/stream", this::streamAccess);
        config.routes.post("/api/auth/token", this::token);
        config.routes.delete("/api/auth/token", this::signOut);
        config.routes.post("/api/issues/{id}/actions/{action}", this::action);
        config.routes.get("/api/issues", this::listIssues);
        config.routes.get("/api/issues/{id}", this::issue);
        config.routes.get("/api/my/issues", this::listIssues);
        config.routes.get("/api/supervision/issues", this::watchList);
        config.routes.get("/api/kpis", this::kpis);
        new ClockRoutes(runtime).register(config);
        config.routes.exception(AuthException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        config.routes.exception(ActionRefusedException.class, (e, ctx) -> error(ctx, e.status(), e.getMessage()));
        config.routes.exception(IllegalTransitionException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
        config.routes.exception(ConcurrentIssueChangeException.class, (e, ctx) -> error(ctx, 409, e.getMessage()));
    }

    /** Paths of other features' operations routes that need a token (see {@link #register}). */
    static final List<String> OPERATIONS_PATHS = List.of("/api/rules", "/api/rules/*", "/api/suppressed",
            "/api/silences", "/api/silences/*", "/api/deliveries", "/api/alerts/*", "/api/fleet");

    /**
     * The live stream: a browser's EventSource cannot send headers, so the token may come as {@code access_token};
     * a body that does not supervise must ask for its own alerts ({@code ?body=}).
     */
    private void streamAccess(final Context ctx) {
        final String query = ctx.queryParam("access_token");
        final Actor actor = query == null || query.isBlank() ? actor(ctx) : runtime.tokens().authenticate(query)
                .orElseThrow(() -> AuthException.unauthenticated("the access_token is unknown or expired; sign in "
                        + "again"));
        final String body = ctx.queryParam("body");
        if (!actor.role().supervises() && !actor.bodyId().equals(body)) {
            throw AuthException.forbidden("the stream shows your body's alerts only: add ?body=" + actor.bodyId());
        }
    }

    /** Sign-in request body. */
    record Credentials(String username, String password) {
    }

    private void token(final Context ctx) {
        final Credentials c = read(ctx, Credentials.class, "{\"username\": \"...\", \"password\": \"...\"}");
        final var t = runtime.tokens().issue(c.username(), c.password());
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", t.token());
        body.put("tokenType", "Bearer");
        body.put("expiresAt", t.expiresAt());
        body.put("username", t.username());
        body.put("body", t.bodyId());
        body.put("role", t.role());
        ctx.json(body);
    }

    private void signOut(final Context ctx) {
        final Actor actor = actor(ctx);
        runtime.tokens().revoke(ctx.header("Authorization").substring(7).trim());
        ctx.json(Map.of("signedOut", actor.username()));
    }

    private void action(final Context ctx) {
        final Actor actor = actor(ctx);
        final ActionRequest request = ctx.body().isBlank() ? ActionRequest.EMPTY
                : read(ctx, ActionRequest.class, "a JSON object with note, internalNote, reason, body, until, pass, "
                        + "decision, into, expectedVersion");
        ctx.json(runtime.workflow().apply(actor, ctx.pathParam("id"), ctx.pathParam("action"), request));
    }

    private void listIssues(final Context ctx) {
        final Actor actor = actor(ctx);
        final String body = QueryParams.text(ctx, "body");
        if (!actor.role().supervises() && body != null && !body.equals(actor.bodyId())) {
            throw AuthException.forbidden("you read the issues of your own body " + actor.bodyId() + ", not " + body);
        }
        final IssueQuery query = IssueQuery.all()
                .withState(QueryParams.enumValue(ctx, "state", IssueState.class))
                .withCategory(QueryParams.text(ctx, "category"))
                .withCommunity(QueryParams.text(ctx, "community"))
                .withBodyId(actor.role().supervises() ? body : actor.bodyId())
                .withPage(QueryParams.intIn(ctx, "limit", IssueQuery.DEFAULT_LIMIT, 1, IssueQuery.MAX_LIMIT),
                        QueryParams.intIn(ctx, "offset", 0, 0, Integer.MAX_VALUE));
        ctx.json(issues.list(query));
    }

    private void issue(final Context ctx) {
        final Actor actor = actor(ctx);
        final String id = ctx.pathParam("id");
        final IssueDetail detail = issues.find(id).orElseThrow(() -> new NotFoundException("no issue " + id));
        final boolean assigned = detail.issue().leadBodyId().equals(actor.bodyId())
                || detail.assignments().stream().anyMatch(a -> a.bodyId().equals(actor.bodyId()));
        if (!actor.role().supervises() && !assigned) {
            throw AuthException.forbidden("issue " + id + " is not assigned to your body " + actor.bodyId());
        }
        ctx.json(detail);
    }

    private void watchList(final Context ctx) {
        final Actor actor = actor(ctx);
        if (!actor.role().supervises()) {
            throw AuthException.forbidden("the supervision list is for the supervision centre and party watchers "
                    + "(you are " + actor.role() + ")");
        }
        ctx.json(runtime.queries().watchList(runtime.clock().instant()));
    }

    private void kpis(final Context ctx) {
        final Instant to = QueryParams.instant(ctx, "to", runtime.clock().instant());
        final Instant from = QueryParams.instant(ctx, "from", to.minus(Duration.ofDays(30)));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from (" + from + ") must be before to (" + to + ")");
        }
        final String view = QueryParams.text(ctx, "view");
        if ("internal".equals(view)) {
            actor(ctx); // every category, for signed-in users (the supervision page)
            ctx.json(runtime.queries().kpis(from, to));
            return;
        }
        if (view != null && !"public".equals(view)) {
            throw new BadRequestException("view=" + view + " is not valid; expected public or internal");
        }
        // The public counts leave out internal categories (GOVERNANCE.md §2.7: tamper alarms stay internal).
        ctx.json(runtime.queries().kpis(from, to, code -> runtime.policy().category(code)
                .map(c -> c.visibility() != Visibility.INTERNAL).orElse(false)));
    }

    private Actor actor(final Context ctx) {
        final String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw AuthException.unauthenticated("missing 'Authorization: Bearer <token>'; get one with POST "
                    + "/api/auth/token");
        }
        return runtime.tokens().authenticate(header.substring(7).trim()).orElseThrow(() ->
                AuthException.unauthenticated("the bearer token is unknown or expired; sign in again"));
    }

    private <T> T read(final Context ctx, final Class<T> type, final String expected) {
        try {
            final T value = strictJson.readValue(ctx.body(), type);
            if (value == null) {
                throw new BadRequestException("the request body is empty; expected " + expected);
            }
            return value;
        } catch (final JsonProcessingException e) {
            throw new BadRequestException("the request body is not valid: " + e.getOriginalMessage()
                    + "; expected " + expected);
        }
    }

    static void error(final Context ctx, final int status, final String message) {
        ctx.status(status).json(Map.of("status", status, "error", message));
    }
}
