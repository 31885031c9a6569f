// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar civicpulse-gateway.jar <command>}: {@code run --config FILE}, {@code demo}, {@code hash-password}.
 */
@Command(name = "civicpulse-gateway", mixinStandardHelpOptions = true, version = "CivicPulse gateway 0.1.0",
        description = "Open IoT gateway for urban residential communities: MQTT ingest, rules, governance issues.",
        subcommands = {RunCommand.class, DemoCommand.class, HashPasswordCommand.class,
                ReplayRulesCommand.class})
public final class GatewayMain implements Runnable {

    /** @param args command-line arguments */
    public static void main(final String[] args) {
        final CommandLine cli = new CommandLine(new GatewayMain());
        final int exit = cli.execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
