// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares one {@link Expectation} with what the gateway shows now. Stateless.
 */
final class ExpectationCheck {

    private ExpectationCheck() {
    }

    /**
     * One field that differs.
     *
     * @param field e.g. {@code state}
     * @param expected what the scenario wants
     * @param actual what the gateway shows
     */
    record Mismatch(String field, String expected, String actual) {
    }

    /**
     * The result of one look.
     *
     * @param passed whether everything matched
     * @param issueId the issue looked at, or null
     * @param mismatches the differing fields (empty when passed)
     */
    record Verdict(boolean passed, String issueId, List<Mismatch> mismatches) {
    }

    /** Looks once. */
    static Verdict check(final Expectation expected, final GatewayHttp gateway)
            throws IOException, InterruptedException {
        final GatewayHttp.Answer answer = gateway.issues(expected.category());
        if (!answer.ok() || !answer.json().isArray()) {
            return fail(null, "GET /api/issues", "200 with a list", answer.status() + " " + answer.json());
        }
        final List<JsonNode> candidates = new ArrayList<>();
        for (final JsonNode issue : answer.json()) {
            if (expected.device() == null || expected.device().equals(issue.path("deviceId").asText())) {
                candidates.add(issue);
            }
        }
        if (expected.absent()) {
            return candidates.isEmpty() ? new Verdict(true, null, List.of())
                    : fail(id(candidates.get(0)), "issue", "none", describe(candidates.get(0)));
        }
        if (candidates.isEmpty()) {
            return fail(null, "issue", expected.category() + (expected.device() == null ? "" : " for "
                    + expected.device()), answer.json().isEmpty() ? "no issue of " + expected.category()
                    : "only " + describeAll(answer.json()));
        }
        Verdict best = null;
        for (final JsonNode issue : candidates) {
            final Verdict verdict = compare(expected, issue, gateway);
            if (best == null || verdict.mismatches().size() < best.mismatches().size()) {
                best = verdict;
            }
        }
        return best;
    }

    private static Verdict compare(final Expectation expected, final JsonNode issue, final GatewayHttp gateway)
            throws IOException, InterruptedException {
        final List<Mismatch> mismatches = new ArrayList<>();
        field(mismatches, "state", expected.state(), issue.path("state").asText());
        field(mismatches, "lead", expected.lead(), issue.path("leadBodyId").asText());
        field(mismatches, "routingClass", expected.routingClass(), issue.path("routingClass").asText());
        if (expected.rung() != null) {
            final List<String> types = timelineTypes(gateway, id(issue));
            if (!types.contains(expected.rung())) {
                mismatches.add(new Mismatch("rung", expected.rung() + " in the timeline", "timeline " + types));
            }
        }
        return new Verdict(mismatches.isEmpty(), id(issue), List.copyOf(mismatches));
    }

    private static List<String> timelineTypes(final GatewayHttp gateway, final String id)
            throws IOException, InterruptedException {
        final List<String> types = new ArrayList<>();
        for (final JsonNode event : gateway.issue(id).json().path("timeline")) {
            types.add(event.path("type").asText());
        }
        return types;
    }

    private static void field(final List<Mismatch> mismatches, final String name, final String expected,
                              final String actual) {
        // "A | B" accepts either: e.g. a device already flagged silent is reopened (IN_PROGRESS) by a later drop.
        if (expected != null && java.util.Arrays.stream(expected.split("\\|")).map(String::trim)
                .noneMatch(actual::equals)) {
            mismatches.add(new Mismatch(name, expected, actual));
        }
    }

    private static Verdict fail(final String issueId, final String field, final String expected, final String actual) {
        return new Verdict(false, issueId, List.of(new Mismatch(field, expected, actual)));
    }

    private static String id(final JsonNode issue) {
        return issue.path("id").asText();
    }

    private static String describe(final JsonNode issue) {
        return id(issue) + " (" + issue.path("category").asText() + " " + issue.path("deviceId").asText("-")
                + ", " + issue.path("state").asText() + ", lead " + issue.path("leadBodyId").asText() + ")";
    }

    private static String describeAll(final JsonNode issues) {
        final List<String> all = new ArrayList<>();
        issues.forEach(issue -> all.add(describe(issue)));
        return String.join("; ", all.size() > 5 ? all.subList(0, 5) : all) + (all.size() > 5 ? "; ..." : "");
    }
}
