// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.residents.Channel;
import io.civicpulse.gateway.residents.ReportForm;
import io.civicpulse.gateway.residents.ReportReceipt;
import io.civicpulse.gateway.residents.ReportRejectedException;
import io.civicpulse.gateway.residents.ReportService;
import io.civicpulse.gateway.residents.ReportValidator;
import io.civicpulse.gateway.residents.ResidentsConfig;
import io.civicpulse.gateway.residents.StoredReport;
import io.javalin.http.Context;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /open311/v2/requests.{fmt}}: a form-encoded GeoReport v2 request becomes a resident report on the same
 * path as {@code POST /api/reports}. Personal fields (first_name, last_name, email, phone) are stored privately and
 * never echoed. The response carries the issue id and, as {@code token}, the follow token.
 */
public final class Open311Requests {
    /** Our report field → the Open311 parameter a resident's client sent. */
    private static final Map<String, String> PARAMETER = Map.of("category", "service_code", "lat", "lat", "lon",
            "long", "text", "description", "assetId", "attribute[" + Open311Documents.ASSET_ATTRIBUTE + "]",
            "community", "jurisdiction_id", "name", "first_name/last_name", "phone", "phone", "email", "email");

    private final ReportService reports;
    private final ReportValidator validator;
    private final ResidentsConfig config;
    private final Open311Documents documents;
    private final GovernancePolicy policy;

    /**
     * @param reports   report intake, never null
     * @param validator field checks, never null
     * @param policy    categories (service notices), never null
     * @param config    API key settings, never null
     */
    public Open311Requests(final ReportService reports, final ReportValidator validator,
                           final GovernancePolicy policy, final ResidentsConfig config) {
        this.reports = Objects.requireNonNull(reports, "reports must not be null.");
        this.validator = Objects.requireNonNull(validator, "validator must not be null.");
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.config = Objects.requireNonNull(config, "config must not be null.");
        this.documents = new Open311Documents(policy, config);
    }

    List<Map<String, Object>> create(final Context ctx, final String community) {
        checkApiKey(ctx.formParam("api_key"));
        if (blank(ctx.formParam("lat")) && blank(ctx.formParam("long")) && (!blank(ctx.formParam("address_string"))
                || !blank(ctx.formParam("address_id")))) {
            throw new ReportRejectedException("lat", "lat is required: address_string and address_id cannot be "
                    + "located here; send lat and long (WGS84)");
        }
        final String description = blank(ctx.formParam("description")) ? "(Open311, no description)"
                : ctx.formParam("description");
        final ReportForm form = new ReportForm(community, ctx.formParam("service_code"), ctx.formParam("lat"),
                ctx.formParam("long"), ctx.formParam("attribute[" + Open311Documents.ASSET_ATTRIBUTE + "]"),
                description, null, null, null, fullName(ctx), ctx.formParam("phone"), ctx.formParam("email"));
        final ReportReceipt receipt = reports.submit(validator.validate(form, Channel.OPEN311));
        final Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", receipt.issueId());
        r.put("token", receipt.followToken());
        r.put("service_notice", policy.category(form.category().trim().toUpperCase(java.util.Locale.ROOT))
                .map(documents::notice).orElse(null));
        r.put("account_id", null);
        return List.of(r);
    }

    Optional<String> issueOfToken(final String token) {
        return reports.follow(token).map(StoredReport::issueId);
    }

    /** @return the error description with our field name replaced by the Open311 parameter the client sent */
    static String describe(final ReportRejectedException e) {
        final String parameter = PARAMETER.getOrDefault(e.field(), e.field());
        final String message = e.getMessage();
        return message.startsWith(e.field()) ? parameter + message.substring(e.field().length())
                : parameter + ": " + message;
    }

    private void checkApiKey(final String key) {
        if (!config.open311().requireApiKey()) {
            return;
        }
        if (blank(key)) {
            throw new Open311Routes.Open311Error(403, "api_key is required to POST requests");
        }
        final boolean known = config.open311().apiKeyHashes().stream().anyMatch(hash -> matches(key, hash));
        if (!known) {
            throw new Open311Routes.Open311Error(403, "api_key is not valid");
        }
    }

    private static boolean matches(final String key, final String hash) {
        try {
            return BCrypt.checkpw(key, hash);
        } catch (final IllegalArgumentException e) {
            return false;
        }
    }

    private static String fullName(final Context ctx) {
        final String name = ((blank(ctx.formParam("first_name")) ? "" : ctx.formParam("first_name").trim()) + " "
                + (blank(ctx.formParam("last_name")) ? "" : ctx.formParam("last_name").trim())).trim();
        return name.isEmpty() ? null : name;
    }

    private static boolean blank(final String s) {
        return s == null || s.isBlank();
    }
}
