// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads the optional {@code escalation:} and {@code automation:} sections of governance.yaml. Problems go to the
 * shared {@link PolicyReader}, so they are reported together with all others. Not thread-safe; one per load.
 */
final class WorkflowPolicyParser {
    private static final Set<String> ESCALATION_KEYS = Set.of("remindPercent", "yellowPercent", "grace",
            "maxLoops", "maxReturns", "reopenWindow", "sensorVerifyWindow");
    private static final Set<String> AUTOMATION_KEYS = Set.of("action", "fallbackLead", "acceptWithin",
            "disposeWithin");

    private final PolicyReader reader;

    WorkflowPolicyParser(final PolicyReader reader) {
        this.reader = reader;
    }

    EscalationPolicy escalation(final JsonNode root) {
        final JsonNode node = reader.object(root, "escalation", "", false);
        final EscalationPolicy d = EscalationPolicy.DEFAULTS;
        if (node == null) {
            return d;
        }
        reader.allowOnly(node, "escalation", ESCALATION_KEYS);
        final int remind = percent(node, "remindPercent", d.remindPercent());
        final int yellow = percent(node, "yellowPercent", d.yellowPercent());
        if (yellow <= remind) {
            reader.problem("escalation.yellowPercent", yellow + " must be above remindPercent " + remind);
        }
        final Map<Severity, TimeLimit> grace = new EnumMap<>(d.grace());
        final JsonNode g = reader.object(node, "grace", "escalation", false);
        if (g != null) {
            reader.allowOnly(g, "escalation.grace", Set.of("CRITICAL", "MAJOR", "MINOR", "INFO"));
            for (final Severity s : Severity.values()) {
                final TimeLimit t = reader.limit(g, s.name(), "escalation.grace", false);
                if (t != null) {
                    grace.put(s, t);
                }
            }
        }
        return new EscalationPolicy(remind, yellow, grace, count(node, "maxLoops", d.maxLoops(), 1),
                count(node, "maxReturns", d.maxReturns(), 0), limit(node, "reopenWindow", d.reopenWindow()),
                limit(node, "sensorVerifyWindow", d.sensorVerifyWindow()));
    }

    Map<String, Automation> automation(final JsonNode root, final Map<String, Category> categories,
                                       final Map<String, Body> bodies) {
        final Map<String, Automation> out = new LinkedHashMap<>();
        final JsonNode node = reader.object(root, "automation", "", false);
        if (node == null) {
            return out;
        }
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            final String path = "automation." + e.getKey();
            final Category c = categories.get(e.getKey());
            if (c == null || c.routingClass() != RoutingClass.ROUTINE_AUTO) {
                reader.problem(path, "'" + e.getKey() + "' is not a ROUTINE_AUTO category of this file");
                continue;
            }
            reader.allowOnly(e.getValue(), path, AUTOMATION_KEYS);
            final Automation.Action action = reader.enumValue(e.getValue(), "action", path, Automation.Action.class);
            final String lead = reader.text(e.getValue(), "fallbackLead", path, true);
            if (lead != null && !bodies.containsKey(lead)) {
                reader.problem(path + ".fallbackLead", "'" + lead + "' is not a body of this file");
            }
            final TimeLimit accept = reader.limit(e.getValue(), "acceptWithin", path, false);
            final TimeLimit dispose = reader.limit(e.getValue(), "disposeWithin", path, true);
            if (action != null && lead != null && dispose != null) {
                out.put(c.code(), new Automation(c.code(), action, lead, accept, dispose));
            }
        }
        return out;
    }

    private int percent(final JsonNode node, final String key, final int fallback) {
        final int v = count(node, key, fallback, 1);
        if (v > 99) {
            reader.problem("escalation." + key, v + " is not a percentage between 1 and 99");
        }
        return v;
    }

    private int count(final JsonNode node, final String key, final int fallback, final int min) {
        final JsonNode v = node.get(key);
        if (v == null) {
            return fallback;
        }
        if (!v.isInt() || v.asInt() < min) {
            reader.problem("escalation." + key, "'" + v.asText() + "' is not a whole number of at least " + min);
            return fallback;
        }
        return v.asInt();
    }

    private TimeLimit limit(final JsonNode node, final String key, final TimeLimit fallback) {
        final TimeLimit t = reader.limit(node, key, "escalation", false);
        return t == null ? fallback : t;
    }
}
