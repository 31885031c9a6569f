// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * Receives committed issue changes, e.g. to publish MQTT alerts to the assigned bodies.
 *
 * <p>Threading: called on the issue worker thread after the transaction committed, one call at a time, in commit
 * order. It must be quick and must not block (hand slow delivery to its own queue); an exception is logged and
 * does not undo the change.
 */
@FunctionalInterface
public interface IssueEventListener {
    /** A listener that ignores every event. */
    IssueEventListener NONE = event -> {
    };

    /**
     * Called once per committed change.
     *
     * @param event the change, never null
     */
    void onIssueEvent(IssueEvent event);
}
