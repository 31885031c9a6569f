// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.auth.Actor;
import io.civicpulse.gateway.auth.Role;

/**
 * Decides whether an actor may take an action on an issue: a body acts only on its own issues; watchers see all and
 * take supervision actions but never do the fix (监管分离). Every refusal is a 403 naming the rule.
 */
final class WorkflowAccess {
    private WorkflowAccess() {
    }

    static void check(final Actor actor, final WorkflowAction action, final IssueSnapshot issue) {
        if (actor.role() == Role.PLATFORM) {
            return;
        }
        final boolean assigned = issue.activeOf(actor.bodyId()).isPresent();
        final boolean lead = assigned && actor.bodyId().equals(issue.issue().leadBodyId());
        final boolean watcher = actor.role().supervises();
        final boolean centre = actor.role() == Role.SUPERVISION;
        final boolean allowed = switch (action.access()) {
            case ASSIGNED -> assigned;
            case LEAD -> lead;
            case LEAD_OR_SUPERVISION -> lead || centre;
            case LEAD_OR_WATCHER -> lead || watcher;
            case ASSIGNED_OR_WATCHER -> assigned || watcher;
            case WATCHER -> watcher;
            case SUPERVISION -> centre;
            case SUPERVISION_OR_COMMITTEE -> centre || actor.role() == Role.COMMITTEE && assigned;
        };
        if (!allowed) {
            throw ActionRefusedException.forbidden(refusal(actor, action, issue, watcher));
        }
    }

    private static String refusal(final Actor actor, final WorkflowAction action, final IssueSnapshot issue,
                                  final boolean watcher) {
        final String what = "'" + action.pathName() + "' on issue " + issue.id();
        return switch (action.access()) {
            case ASSIGNED, ASSIGNED_OR_WATCHER -> "body " + actor.bodyId() + " is not assigned to issue "
                    + issue.id() + "; it may only act on its own issues";
            case LEAD, LEAD_OR_SUPERVISION, LEAD_OR_WATCHER -> watcher
                    ? "supervision never does the fix: " + what + " is for the lead body " + issue.issue().leadBodyId()
                    : "only the lead body " + issue.issue().leadBodyId() + " may take " + what + " (you act for "
                    + actor.bodyId() + ")";
            case WATCHER -> what + " is for the supervision centre or party watchers (you are " + actor.role() + ")";
            case SUPERVISION, SUPERVISION_OR_COMMITTEE -> what + " is for the supervision centre (you are "
                    + actor.role() + ")";
        };
    }
}
