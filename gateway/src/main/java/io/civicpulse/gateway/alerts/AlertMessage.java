// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import io.civicpulse.gateway.issues.IssueEvent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One notification to one body: the issue events of that body within one group window. Immutable; the JSON body of
 * a webhook POST and the data of a stream event.
 *
 * @param alertId   id to acknowledge it with ({@code POST /api/alerts/{id}/ack}), never null
 * @param bodyId    the receiving body, never null
 * @param createdAt when the group closed, never null
 * @param reminder  0 for the first delivery, n for the n-th reminder
 * @param events    the grouped events in commit order, never empty
 */
public record AlertMessage(String alertId, String bodyId, Instant createdAt, int reminder, List<IssueEvent> events) {
    /** @throws NullPointerException if a component is null; IllegalArgumentException if there are no events */
    public AlertMessage {
        Objects.requireNonNull(alertId, "alertId must not be null.");
        Objects.requireNonNull(bodyId, "bodyId must not be null.");
        Objects.requireNonNull(createdAt, "createdAt must not be null.");
        events = List.copyOf(Objects.requireNonNull(events, "events must not be null."));
        if (events.isEmpty()) {
            throw new IllegalArgumentException("an alert needs at least one event");
        }
    }

    /** @return the same alert as its next reminder */
    public AlertMessage nextReminder() {
        return new AlertMessage(alertId, bodyId, createdAt, reminder + 1, events);
    }
}
