// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import io.civicpulse.simulators.device.FaultKind;
import java.time.Duration;

/**
 * One timeline step: at scenario time {@code at}, device {@code device} develops {@code fault}, or a resident
 * files {@code report}. Exactly one of {@code fault} and {@code report} is set.
 *
 * @param at scenario time, from the moment the whole fleet is connected
 * @param device the device the fault hits, or null for a report
 * @param fault the fault, or null for a report
 * @param report the resident report, or null for a fault
 */
public record ScenarioStep(Duration at, String device, FaultKind fault, ResidentReport report) {

    /** What the step does, for the run log, e.g. {@code bin-fire on bin-002}. */
    public String describe() {
        return fault != null ? fault.label() + " on " + device
                : "resident report " + report.category() + " at " + report.lat() + "," + report.lon();
    }

    /**
     * A report a resident files through {@code POST /api/reports}.
     *
     * @param category the category code the resident chose, e.g. {@code WB-04}
     * @param lat latitude, degrees
     * @param lon longitude, degrees
     * @param text what the resident wrote
     */
    public record ResidentReport(String category, double lat, double lon, String text) {
    }
}
