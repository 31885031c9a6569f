// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.util.Objects;

/**
 * How the platform handles a ROUTINE_AUTO category itself, and the human route when that fails or times out
 * ({@code automation:} in governance.yaml, GOVERNANCE.md §2.4 step 3). Immutable.
 *
 * @param categoryCode  the category, never null
 * @param action        {@link Action} taken when the issue opens, never null
 * @param fallbackLead  body that becomes the lead when the automation fails or its timebox ends, never null
 * @param acceptWithin  accept time of the human route, or null for none
 * @param disposeWithin dispose time of the human route, never null
 */
public record Automation(String categoryCode, Action action, String fallbackLead, TimeLimit acceptWithin,
                         TimeLimit disposeWithin) {
    /** What the platform does on its own. */
    public enum Action {
        /** Re-send the lamp's on/off schedule as an MQTT command; telemetry must confirm within the timebox. */
        RESEND_SCHEDULE,
        /** Send a work order to the category's lead (an assignment plus an alert), e.g. empty a full bin. */
        WORK_ORDER,
        /** Nothing but wait for the device to recover within the timebox (e.g. a controller that reboots). */
        WAIT_FOR_RECOVERY
    }

    /** @throws NullPointerException if a non-null component is null */
    public Automation {
        Objects.requireNonNull(categoryCode, "categoryCode must not be null.");
        Objects.requireNonNull(action, "action must not be null.");
        Objects.requireNonNull(fallbackLead, "fallbackLead must not be null.");
        Objects.requireNonNull(disposeWithin, "disposeWithin must not be null.");
    }
}
