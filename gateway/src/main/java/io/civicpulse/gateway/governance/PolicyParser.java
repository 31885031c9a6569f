// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of {@code governance.yaml} into a validated {@link GovernancePolicy}: structure first,
 * then references between bodies and categories ({@link PolicyReferences}). Not thread-safe; one per load.
 */
final class PolicyParser {
    /** Body ids go into MQTT topic levels, so no {@code /}, {@code +} or {@code #}. */
    static final Pattern BODY_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    static final Pattern CATEGORY_CODE = Pattern.compile("[A-Z]{2}-\\d{2}");

    private static final Set<String> TOP_KEYS =
            Set.of("version", "platformBody", "calendar", "defaults", "bodies", "categories", "escalation",
                    "automation");
    private static final Set<String> BODY_KEYS = Set.of("type", "parent", "name");
    private static final Set<String> NAME_KEYS = Set.of("zh", "en");
    private static final Set<String> CATEGORY_KEYS = Set.of("name", "group", "severity", "routingClass", "lead",
            "assists", "acceptWithin", "makeSafeWithin", "disposeWithin", "verifyWithin", "visibility");

    private final PolicyReader reader = new PolicyReader();
    private final String source;

    PolicyParser(final String source) {
        this.source = source;
    }

    GovernancePolicy parse(final JsonNode root) throws PolicyException {
        if (root == null || !root.isObject()) {
            throw new PolicyException(source, "the file is empty or not a mapping of keys to values", null);
        }
        reader.allowOnly(root, "", TOP_KEYS);
        checkVersion(root);
        final String platformBody = reader.text(root, "platformBody", "", true);
        final WorkingCalendar calendar = new CalendarParser(reader).parse(root);
        final TimeLimit defaultVerify = defaultVerifyWithin(root);
        final Map<String, Body> bodies = bodies(root);
        final Map<String, Category> categories = categories(root, defaultVerify);
        new PolicyReferences(reader, bodies).check(platformBody, categories);
        final WorkflowPolicyParser workflow = new WorkflowPolicyParser(reader);
        final EscalationPolicy escalation = workflow.escalation(root);
        final Map<String, Automation> automation = workflow.automation(root, categories, bodies);
        if (!reader.problems().isEmpty()) {
            throw new PolicyException(source, reader.problems());
        }
        return new GovernancePolicy(source, bodies, categories, calendar, platformBody, escalation, automation);
    }

    private void checkVersion(final JsonNode root) {
        final String version = reader.text(root, "version", "", true);
        if (version != null && !"1".equals(version)) {
            reader.problem("version", "'" + version + "' is not supported (expected 1)");
        }
    }

    private TimeLimit defaultVerifyWithin(final JsonNode root) {
        final JsonNode defaults = reader.object(root, "defaults", "", true);
        if (defaults == null) {
            return null;
        }
        reader.allowOnly(defaults, "defaults", Set.of("verifyWithin"));
        return reader.limit(defaults, "verifyWithin", "defaults", true);
    }

    private Map<String, Body> bodies(final JsonNode root) {
        final Map<String, Body> bodies = new LinkedHashMap<>();
        final JsonNode node = reader.object(root, "bodies", "", true);
        if (node == null) {
            return bodies;
        }
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            final Body body = body(e.getKey(), e.getValue());
            if (body != null) {
                bodies.put(body.id(), body);
            }
        }
        if (node.isEmpty()) {
            reader.problem("bodies", "empty (expected at least one body)");
        }
        return bodies;
    }

    private Body body(final String id, final JsonNode node) {
        final String path = "bodies." + id;
        if (!BODY_ID.matcher(id).matches()) {
            reader.problem(path, "'" + id + "' is not a body id (letters, digits, '-' or '_', at most 64, "
                    + "no '/', '+' or '#': it is an MQTT topic level)");
            return null;
        }
        if (!node.isObject()) {
            reader.problem(path, "expected a mapping with type, parent and name");
            return null;
        }
        reader.allowOnly(node, path, BODY_KEYS);
        final BodyType type = reader.enumValue(node, "type", path, BodyType.class);
        final String parent = reader.text(node, "parent", path, false);
        final String[] name = name(node, path);
        if (type == null || name == null) {
            return null;
        }
        return new Body(id, type, parent, name[0], name[1]);
    }

    private String[] name(final JsonNode node, final String path) {
        final JsonNode name = reader.object(node, "name", path, true);
        if (name == null) {
            return null;
        }
        final String namePath = path + ".name";
        reader.allowOnly(name, namePath, NAME_KEYS);
        final String zh = reader.text(name, "zh", namePath, true);
        final String en = reader.text(name, "en", namePath, true);
        return zh == null || en == null ? null : new String[] {zh, en};
    }

    private Map<String, Category> categories(final JsonNode root, final TimeLimit defaultVerify) {
        final Map<String, Category> categories = new LinkedHashMap<>();
        final JsonNode node = reader.object(root, "categories", "", true);
        if (node == null) {
            return categories;
        }
        for (final Map.Entry<String, JsonNode> e : node.properties()) {
            final Category category = category(e.getKey(), e.getValue(), defaultVerify);
            if (category != null) {
                categories.put(category.code(), category);
            }
        }
        if (node.isEmpty()) {
            reader.problem("categories", "empty (expected at least one category)");
        }
        return categories;
    }

    private Category category(final String code, final JsonNode node, final TimeLimit defaultVerify) {
        final String path = "categories." + code;
        if (!CATEGORY_CODE.matcher(code).matches()) {
            reader.problem(path, "'" + code + "' is not a category code like SL-01 (two capital letters, '-', "
                    + "two digits)");
            return null;
        }
        if (!node.isObject()) {
            reader.problem(path, "expected a mapping with name, group, severity, routingClass, lead, ...");
            return null;
        }
        reader.allowOnly(node, path, CATEGORY_KEYS);
        final String[] name = name(node, path);
        final String group = reader.text(node, "group", path, true);
        final Severity severity = reader.enumValue(node, "severity", path, Severity.class);
        final RoutingClass routing = reader.enumValue(node, "routingClass", path, RoutingClass.class);
        final String lead = lead(node, path);
        final List<String> assists = reader.list(node, "assists", path);
        final TimeLimit accept = reader.limit(node, "acceptWithin", path, false);
        final TimeLimit makeSafe = reader.limit(node, "makeSafeWithin", path, false);
        final TimeLimit dispose = reader.limit(node, "disposeWithin", path, true);
        final TimeLimit verifyOwn = reader.limit(node, "verifyWithin", path, false);
        final TimeLimit verify = verifyOwn != null ? verifyOwn : defaultVerify;
        final Visibility visibility = reader.enumValue(node, "visibility", path, Visibility.class);
        if (name == null || group == null || severity == null || routing == null || lead == null
                || dispose == null || verify == null || visibility == null) {
            return null;
        }
        return new Category(code, name[0], name[1], group, severity, routing, lead, assists, accept, makeSafe,
                dispose, verify, visibility);
    }

    /** Exactly one lead (责任主体唯一): a list, even of one, is refused so the rule stays visible in the file. */
    private String lead(final JsonNode node, final String path) {
        final JsonNode lead = node.get("lead");
        if (lead != null && lead.isArray()) {
            reader.problem(path + ".lead", "expected exactly one body id (one lead, 责任主体唯一), found a list of "
                    + lead.size() + "; put the others under assists");
            return null;
        }
        return reader.text(node, "lead", path, true);
    }
}
