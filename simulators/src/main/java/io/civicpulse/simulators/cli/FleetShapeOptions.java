// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.registry.FleetShape;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The options that fix a fleet, shared by {@code registry} and {@code fleet} so both agree on them. */
final class FleetShapeOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Fleet seed: ids, positions, secrets, behaviour and faults derive from it (default: 42).")
    private long seed;

    @Option(names = "--streetlights", defaultValue = "50", paramLabel = "N",
            description = "Streetlights sl-001.. (default: 50).")
    private int streetlights;

    @Option(names = "--bins", defaultValue = "50", paramLabel = "N",
            description = "Waste bins bin-001.. (default: 50).")
    private int bins;

    @Option(names = "--gates", defaultValue = "10", paramLabel = "N",
            description = "Access gates gate-001.. (default: 10).")
    private int gates;

    @Option(names = "--community", defaultValue = "lakeside", paramLabel = "ID",
            description = "Community id used in topics and the registry (default: lakeside).")
    private String community;

    long seed() {
        return seed;
    }

    /** The validated shape; a bad value is reported as a usage error naming it. */
    FleetShape shape() {
        return SimulatorsCommand.orUsageError(spec, () -> new FleetShape(seed, streetlights, bins, gates, community));
    }
}
