// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documented public projection as an allowlist of JSON keys (GOVERNANCE.md §2.7 and §2.8; docs/open311.md). A
 * public answer passes only if every object in it, at any depth, has keys from its list, so a new field is private
 * until someone adds it here on purpose. The lists mirror the public projection classes
 * ({@code publicview.PublicIssue} with {@code PublicLocation}, {@code PublicStep}, {@code Bilingual}) and the Open311
 * documents ({@code open311.Open311Documents}).
 */
final class PublicKeys {
    /** A bilingual name. */
    static final Set<String> BILINGUAL = Set.of("zh", "en");
    /**
     * {@code GET /api/public/issues[/{id}]}: id, category, public location, state and step timeline, body names
     * (never staff), deadlines, overdue and supervision flags, public note.
     */
    static final Set<String> PUBLIC_ISSUE = union(BILINGUAL, Set.of("id", "community", "category", "categoryName",
            "group", "status", "state", "stateLabel", "generalised", "location", "lead", "assists", "openedAt",
            "updatedAt", "acceptDeadline", "disposeDeadline", "overdue", "supervision", "supervisionLabel",
            "observations", "statusNote", "timeline"),
            // PublicLocation
            Set.of("lat", "lon", "precision", "address"),
            // PublicStep
            Set.of("at", "event", "body", "note"));
    /** {@code GET /api/reports/{followToken}}: the reporter's own report, with the public issue. */
    static final Set<String> FOLLOW = union(PUBLIC_ISSUE, Set.of("issueId", "reportedAt", "merged", "issue"));
    /** {@code POST /api/reports}: the receipt. */
    static final Set<String> RECEIPT = Set.of("issueId", "merged", "followToken", "follow", "issue", "notice");
    /** {@code GET /api/kpis}: aggregate figures per body and per category (the keys of byCategory are codes). */
    static final Set<String> KPIS = Set.of("from", "to", "bodies", "bodyId", "overall", "byCategory", "assignments",
            "onTimeAcceptanceRate", "ledIssues", "resolved", "onTimeResolutionRate", "meanMinutesToResolve",
            "reopenRate", "overdue");
    /** {@code GET /api/web/settings}: time zone, public names of bodies and categories. */
    static final Set<String> SETTINGS = Set.of("zone", "bodies", "categories", "id", "type", "zh", "en", "code",
            "group", "severity");
    /** {@code GET /api/devices}: the registry of public assets, positions for the plan (no secrets, no status). */
    static final Set<String> DEVICES = Set.of("id", "type", "community", "area", "segment", "lat", "lon",
            "intervalSeconds");
    /** Open311 GeoReport v2 request (§2.8 mapping). */
    static final Set<String> OPEN311_REQUEST = Set.of("service_request_id", "status", "status_notes",
            "service_name", "service_code", "description", "agency_responsible", "service_notice",
            "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat",
            "long", "media_url");
    /** Open311 discovery, service list and service definition. */
    static final Set<String> OPEN311_DOCUMENTS = Set.of("changeset", "contact", "key_service", "endpoints",
            "specification", "url", "type", "formats", "service_code", "service_name", "description", "metadata",
            "keywords", "group", "attributes", "variable", "code", "datatype", "required", "datatype_description",
            "order", "values", "key", "name");

    private static final Pattern CATEGORY_CODE = Pattern.compile("[A-Z]{2}-\\d{2}");
    /** Objects whose keys are data (category codes), not field names. */
    private static final Set<String> CODE_MAPS = Set.of("byCategory");

    private PublicKeys() {
    }

    /**
     * @param what    the endpoint, for the message
     * @param json    its answer
     * @param allowed the keys its objects may have
     */
    static void assertOnly(final String what, final JsonNode json, final Set<String> allowed) {
        final List<String> bad = new ArrayList<>();
        walk("$", json, allowed, false, bad);
        assertThat(bad).as(what + ": keys outside the public projection").isEmpty();
    }

    private static void walk(final String path, final JsonNode node, final Set<String> allowed, final boolean codes,
                             final List<String> bad) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", node.get(i), allowed, false, bad);
            }
        } else if (node.isObject()) {
            for (final Iterator<String> names = node.fieldNames(); names.hasNext();) {
                final String name = names.next();
                final boolean ok = codes ? CATEGORY_CODE.matcher(name).matches() : allowed.contains(name);
                if (!ok) {
                    bad.add(path + "." + name);
                }
                walk(path + "." + name, node.get(name), allowed, !codes && CODE_MAPS.contains(name), bad);
            }
        }
    }

    @SafeVarargs
    private static Set<String> union(final Set<String>... sets) {
        final Set<String> all = new HashSet<>();
        for (final Set<String> s : sets) {
            all.addAll(s);
        }
        return Set.copyOf(all);
    }
}
