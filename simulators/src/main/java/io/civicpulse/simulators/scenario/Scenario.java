// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import java.util.List;
import java.util.Objects;

/**
 * A scripted commissioning test: a fleet, a timeline of injected faults and resident reports, and what the
 * gateway's governance process must have done with them. Read from YAML by {@link ScenarioReader}. Immutable.
 *
 * @param name short name, shown in reports
 * @param description what the scenario shows, may be empty
 * @param fleet the simulated fleet
 * @param timeline steps in scenario-time order
 * @param expectations outcomes to check, in file order
 */
public record Scenario(String name, String description, ScenarioFleet fleet, List<ScenarioStep> timeline,
                       List<Expectation> expectations) {

    /** @throws NullPointerException if a component is null */
    public Scenario {
        Objects.requireNonNull(name, "name must not be null.");
        Objects.requireNonNull(description, "description must not be null.");
        Objects.requireNonNull(fleet, "fleet must not be null.");
        timeline = List.copyOf(Objects.requireNonNull(timeline, "timeline must not be null."));
        expectations = List.copyOf(Objects.requireNonNull(expectations, "expectations must not be null."));
    }
}
