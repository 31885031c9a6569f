// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import java.util.List;
import java.util.Objects;

/**
 * An issue with its assignments and full timeline (internal view, including internal notes). Immutable;
 * Jackson-serialisable.
 *
 * @param issue       the issue row, never null
 * @param assignments assignments, lead first, copied, never null
 * @param timeline    events in the order they happened, copied, never null
 */
public record IssueDetail(IssueSummary issue, List<Assignment> assignments, List<TimelineEvent> timeline) {
    /** @throws NullPointerException if a component is null */
    public IssueDetail {
        Objects.requireNonNull(issue, "issue must not be null.");
        assignments = List.copyOf(Objects.requireNonNull(assignments, "assignments must not be null."));
        timeline = List.copyOf(Objects.requireNonNull(timeline, "timeline must not be null."));
    }
}
