// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import io.civicpulse.gateway.governance.Category;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.TimeLimit;
import io.civicpulse.gateway.publicview.PublicIssue;
import io.civicpulse.gateway.residents.ReportValidator;
import io.civicpulse.gateway.residents.ResidentsConfig;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GeoReport v2 documents (GOVERNANCE.md §2.8) in their JSON shape, field names as in the spec. Built only from
 * public data: {@link PublicIssue} and the policy's category and body names. Datetimes are ISO 8601 with the
 * calendar zone's offset ({@code +08:00}). Thread-safe.
 */
final class Open311Documents {
    static final String SPEC = "http://wiki.open311.org/GeoReport_v2";
    /** When this endpoint's documents last changed shape (discovery {@code changeset}). */
    static final String CHANGESET = "2026-03-01T00:00:00+08:00";
    static final String ASSET_ATTRIBUTE = "asset";
    private static final Map<String, String> GROUP_NAMES = Map.of("streetlight", "路灯 / Streetlights",
            "waste", "环卫 / Waste", "gate", "门禁 / Access gates");

    private final GovernancePolicy policy;
    private final ResidentsConfig config;
    private final DateTimeFormatter datetime;

    Open311Documents(final GovernancePolicy policy, final ResidentsConfig config) {
        this.policy = policy;
        this.config = config;
        final ZoneId zone = policy.calendar().zone();
        this.datetime = DateTimeFormatter.ISO_OFFSET_DATE_TIME.withZone(zone);
    }

    Map<String, Object> discovery(final String baseUrl) {
        final Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPEC);
        endpoint.put("url", baseUrl);
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("changeset", CHANGESET);
        d.put("contact", config.open311().contact());
        d.put("key_service", config.open311().keyService());
        d.put("endpoints", List.of(endpoint));
        return d;
    }

    /** One service per resident-reportable category; internal ones (SL-06, GT-04, device health) are not offered. */
    List<Map<String, Object>> services() {
        return policy.categories().values().stream().filter(ReportValidator::isReportable).map(this::service)
                .toList();
    }

    private Map<String, Object> service(final Category c) {
        final Map<String, Object> s = new LinkedHashMap<>();
        s.put("service_code", c.code());
        s.put("service_name", c.nameZh() + " / " + c.nameEn());
        s.put("description", notice(c));
        s.put("metadata", true);
        s.put("type", "realtime");
        s.put("keywords", c.group());
        s.put("group", GROUP_NAMES.getOrDefault(c.group(), c.group()));
        return s;
    }

    Map<String, Object> definition(final Category c) {
        final Map<String, Object> a = new LinkedHashMap<>();
        a.put("variable", true);
        a.put("code", ASSET_ATTRIBUTE);
        a.put("datatype", "string");
        a.put("required", false);
        a.put("datatype_description", "编号，如 sl-012 / Asset number as written on it, e.g. sl-012");
        a.put("order", 1);
        a.put("description", "灯杆、垃圾箱或门禁上的编号（可不填） / Number on the pole, bin or gate (optional)");
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("service_code", c.code());
        d.put("attributes", List.of(a));
        return d;
    }

    /** The category's handling promise, from its dispose limit (e.g. "2个工作日内处置 / Handled within 2 working days"). */
    String notice(final Category c) {
        final TimeLimit t = c.disposeWithin();
        final String zh = switch (t.unit()) {
            case MINUTES -> t.amount() + "分钟";
            case HOURS -> t.amount() + "小时";
            case DAYS -> t.amount() + "天";
            case WORKING_HOURS -> t.amount() + "个工作小时";
            case WORKING_DAYS -> t.amount() + "个工作日";
        };
        final String en = t.amount() + switch (t.unit()) {
            case MINUTES -> " minutes";
            case HOURS -> " hours";
            case DAYS -> " days";
            case WORKING_HOURS -> " working hours";
            case WORKING_DAYS -> " working days";
        };
        return zh + "内处置 / Handled within " + en;
    }

    Map<String, Object> request(final PublicIssue p) {
        final Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", p.id());
        r.put("status", p.status());
        r.put("status_notes", p.statusNote());
        r.put("service_name", p.categoryName().both());
        r.put("service_code", p.category());
        // Residents' own words may name people or homes and nothing moderates them yet: the public gets the category.
        r.put("description", p.categoryName().both() + "（" + p.stateLabel().both() + "）");
        r.put("agency_responsible", p.lead().both());
        r.put("service_notice", policy.category(p.category()).map(this::notice).orElse(null));
        r.put("requested_datetime", format(p.openedAt()));
        r.put("updated_datetime", format(p.updatedAt()));
        r.put("expected_datetime", format(p.disposeDeadline()));
        r.put("address", p.location().address());
        r.put("address_id", null);
        r.put("zipcode", null);
        r.put("lat", p.location().lat());
        r.put("long", p.location().lon());
        // Photos are published only once moderated (§2.7); moderation does not exist yet.
        r.put("media_url", null);
        return r;
    }

    static Map<String, Object> error(final int code, final String description) {
        final Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", code);
        e.put("description", description);
        return e;
    }

    String format(final Instant at) {
        return at == null ? null : datetime.format(at);
    }
}
