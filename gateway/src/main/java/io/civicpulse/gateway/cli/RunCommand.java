// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code run --config FILE}: the gateway as configured. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Runs the gateway with a configuration file (see config/gateway.yaml for every key).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, description = "gateway.yaml")
    Path config;

    @Mixin
    ListenerOptions listener = new ListenerOptions();

    @Override
    public Integer call() throws InterruptedException {
        try {
            GatewayRunner.start(List.of(config), listener.overrides());
        } catch (final Exception e) {
            System.err.println(GatewayRunner.describe(e));
            return 2;
        }
        GatewayRunner.awaitShutdown();
        return 0;
    }
}
