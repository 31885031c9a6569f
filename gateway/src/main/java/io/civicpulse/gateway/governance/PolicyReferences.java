// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-checks of a parsed policy: every referenced body exists, the reporting hierarchy has no cycle, routing
 * classes fit severities and supervising bodies never take work (监管分离). Not thread-safe; one per load.
 */
final class PolicyReferences {
    private static final Set<BodyType> SUPERVISING = Set.of(BodyType.SUPERVISION_CENTRE, BodyType.PARTY_ORG);

    private final PolicyReader reader;
    private final Map<String, Body> bodies;

    PolicyReferences(final PolicyReader reader, final Map<String, Body> bodies) {
        this.reader = reader;
        this.bodies = bodies;
    }

    void check(final String platformBody, final Map<String, Category> categories) {
        if (platformBody != null) {
            checkBody("platformBody", platformBody);
        }
        final boolean parentsKnown = checkParents();
        if (parentsKnown) {
            checkCycles();
        }
        categories.values().forEach(this::checkCategory);
    }

    private boolean checkParents() {
        boolean ok = true;
        for (final Body body : bodies.values()) {
            if (body.parentId() != null) {
                ok &= checkBody("bodies." + body.id() + ".parent", body.parentId());
            }
        }
        return ok;
    }

    /** Escalation walks parents upward; a cycle would report a body to itself forever. */
    private void checkCycles() {
        final Set<String> reported = new HashSet<>();
        for (final Body start : bodies.values()) {
            final List<String> chain = new ArrayList<>();
            Body body = start;
            while (body != null && !chain.contains(body.id())) {
                chain.add(body.id());
                body = body.parentId() == null ? null : bodies.get(body.parentId());
            }
            if (body != null && body.id().equals(start.id()) && reported.add(new TreeSet<>(chain).toString())) {
                chain.add(start.id());
                reader.problem("bodies." + start.id() + ".parent", "'" + start.parentId()
                        + "' makes a reporting cycle " + String.join(" -> ", chain)
                        + " (expected a hierarchy ending at a body without parent)");
            }
        }
    }

    private void checkCategory(final Category c) {
        final String path = "categories." + c.code();
        if (checkBody(path + ".lead", c.leadBodyId())) {
            checkNotSupervising(path + ".lead", c.leadBodyId());
        }
        final Set<String> seen = new HashSet<>();
        for (final String assist : c.assistBodyIds()) {
            if (assist.equals(c.leadBodyId())) {
                reader.problem(path + ".assists", "'" + assist + "' is already the lead (a body is lead or assist)");
            } else if (!seen.add(assist)) {
                reader.problem(path + ".assists", "'" + assist + "' is listed twice");
            } else if (checkBody(path + ".assists", assist)) {
                checkNotSupervising(path + ".assists", assist);
            }
        }
        if (c.routingClass() == RoutingClass.MIXED && c.assistBodyIds().isEmpty()) {
            reader.problem(path + ".assists", "empty, but routingClass MIXED needs at least one assist (协办)");
        }
        if (c.routingClass() == RoutingClass.ROUTINE_AUTO && !c.severity().isAtMost(Severity.MAJOR)) {
            reader.problem(path + ".routingClass", "ROUTINE_AUTO needs severity MAJOR or lower, severity is "
                    + c.severity() + " (GOVERNANCE.md §2.2: the platform does not handle critical matters alone)");
        }
    }

    private boolean checkBody(final String path, final String id) {
        if (bodies.containsKey(id)) {
            return true;
        }
        reader.problem(path, "unknown body '" + id + "' (known: " + String.join(", ", bodies.keySet()) + ")");
        return false;
    }

    private void checkNotSupervising(final String path, final String id) {
        final Body body = bodies.get(id);
        if (SUPERVISING.contains(body.type())) {
            reader.problem(path, "'" + id + "' is a " + body.type() + "; supervising bodies watch and report up "
                    + "but never do the work (监管分离)");
        }
    }
}
