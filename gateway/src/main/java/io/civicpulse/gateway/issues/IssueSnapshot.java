// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.util.List;
import java.util.Optional;

/**
 * An issue as a workflow command reads it at the start of its transaction. Immutable.
 *
 * @param issue       the row, never null
 * @param control     workflow columns, never null
 * @param assignments every assignment in insertion order, never null
 */
public record IssueSnapshot(IssueSummary issue, IssueControl control, List<AssignmentRow> assignments) {
    /** Copies the list. */
    public IssueSnapshot {
        assignments = List.copyOf(assignments);
    }

    /** @return the active lead assignment; there is exactly one while the issue is dispatched (责任主体唯一) */
    public Optional<AssignmentRow> lead() {
        return assignments.stream().filter(AssignmentRow::active)
                .filter(a -> a.assignment().role() == AssignmentRole.LEAD)
                .filter(a -> a.bodyId().equals(issue.leadBodyId())).reduce((first, later) -> later);
    }

    /**
     * @param bodyId a body id
     * @return that body's newest active assignment on this issue, or empty
     */
    public Optional<AssignmentRow> activeOf(final String bodyId) {
        return assignments.stream().filter(AssignmentRow::active).filter(a -> a.bodyId().equals(bodyId))
                .reduce((first, later) -> later);
    }

    /** @return active assist and summoned assignments that are not done yet */
    public List<AssignmentRow> openHelpers() {
        return assignments.stream().filter(AssignmentRow::active)
                .filter(a -> a.assignment().role() == AssignmentRole.ASSIST
                        || a.assignment().role() == AssignmentRole.SUMMONED)
                .filter(a -> a.assignment().status() != AssignmentStatus.DONE).toList();
    }

    /** @return the issue id */
    public String id() {
        return issue.id();
    }

    /** @return the current state */
    public IssueState state() {
        return issue.state();
    }
}
