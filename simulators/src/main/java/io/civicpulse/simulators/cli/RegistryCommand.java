// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.registry.FleetShape;
import io.civicpulse.simulators.registry.RegistryWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code registry}: writes the device registry YAML of a deterministic fleet. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {
            "Write the device registry (YAML) of a deterministic fleet.",
            "Ids, types, positions and bcrypt hashes of the simulated secrets.",
            "Simulated credentials only: anyone who knows the seed knows every password.",
        })
final class RegistryCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private FleetShapeOptions fleet;

    @Option(names = "--interval", defaultValue = "10", paramLabel = "SECONDS",
            description = "Reporting interval written for every device, seconds (default: 10).")
    private int intervalSeconds;

    @Option(names = "--bcrypt-cost", defaultValue = "6", paramLabel = "N",
            description = "bcrypt cost, 4..31 (default: 6). The secrets are 128-bit random tokens, so a low cost"
                    + " is safe and keeps thousands of device connects cheap.")
    private int bcryptCost;

    @Option(names = "--lorawan", description = "Also give every device the DevEUI its ChirpStack/TTN uplinks carry"
            + " (fleet --format chirpstack-v4|ttn-v3).")
    private boolean lorawan;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        final FleetShape shape = fleet.shape();
        final RegistryWriter writer = SimulatorsCommand.orUsageError(spec,
                () -> new RegistryWriter(bcryptCost, intervalSeconds, lorawan));
        if (out == null) {
            final Writer stdout = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
            writer.write(shape, stdout);
            stdout.flush();
        } else {
            writer.write(shape, out);
            System.out.println("Wrote " + shape.size() + " devices (" + shape.streetlights() + " streetlights, "
                    + shape.bins() + " bins, " + shape.gates() + " gates) to " + out);
        }
        return 0;
    }
}
