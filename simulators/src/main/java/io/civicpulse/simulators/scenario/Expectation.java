// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * An outcome the gateway must show: an issue of {@code category} (for {@code device}, when given) that by scenario
 * time {@code by} is in {@code state}, led by {@code lead}, of {@code routingClass}, and whose timeline holds the
 * escalation rung {@code rung} — or, with {@code absent}, no such issue at all. Null fields are not checked.
 *
 * @param category issue category code, e.g. {@code WB-03}
 * @param device device id the issue must be about, or null for any (resident reports have none)
 * @param state expected issue state, e.g. {@code DISPATCHED}, or null; {@code A | B} accepts either (so do lead
 *        and routingClass)
 * @param lead expected lead body id, or null
 * @param routingClass expected routing class, or null
 * @param rung timeline event type that must be present ({@code REMINDED}, {@code YELLOW_WARNING},
 *        {@code RED_SUPERVISION}, {@code REPORTED_UP}), or null
 * @param absent true when no matching issue may exist
 * @param by scenario time at which the check starts, or null for right after the timeline's last step
 * @param within how long after {@code by} the gateway has to show the outcome (real time)
 */
public record Expectation(String category, String device, String state, String lead, String routingClass,
                          String rung, boolean absent, Duration by, Duration within) {

    /** E.g. {@code WB-03 bin-002: state DISPATCHED, lead street-office by 0s}. */
    public String describe() {
        final List<String> checks = new ArrayList<>();
        if (absent) {
            checks.add("no issue");
        }
        if (state != null) {
            checks.add("state " + state);
        }
        if (lead != null) {
            checks.add("lead " + lead);
        }
        if (routingClass != null) {
            checks.add("routing " + routingClass);
        }
        if (rung != null) {
            checks.add("rung " + rung);
        }
        return category + (device == null ? "" : " " + device) + ": "
                + (checks.isEmpty() ? "an issue" : String.join(", ", checks))
                + (by == null ? "" : " by " + io.civicpulse.simulators.Durations.format(by)) + " (within "
                + io.civicpulse.simulators.Durations.format(within) + ")";
    }
}
