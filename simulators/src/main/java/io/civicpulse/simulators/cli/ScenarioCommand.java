// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.scenario.GatewayHttp;
import io.civicpulse.simulators.scenario.Scenario;
import io.civicpulse.simulators.scenario.ScenarioException;
import io.civicpulse.simulators.scenario.ScenarioReader;
import io.civicpulse.simulators.scenario.ScenarioResult;
import io.civicpulse.simulators.scenario.ScenarioRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code scenario}: runs scenario files against a gateway and exits non-zero with a diff when outcomes differ. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {
            "Run scenario files (simulators/scenarios/*.yaml) against a gateway: start the fleet, inject the",
            "timeline's faults and resident reports, and check the issues the gateway opened, their routing,",
            "state and escalation. Exit code 0: all passed; 1: an outcome differed (a diff is printed);",
            "2: a file or option is wrong.",
        })
final class ScenarioCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Scenario files, run one after the other.")
    private List<Path> files = new ArrayList<>();

    @Option(names = "--mqtt", defaultValue = "127.0.0.1:1883", paramLabel = "HOST:PORT",
            description = "Where the fleet connects: the gateway's listener, or a broker for uplink formats"
                    + " (default: 127.0.0.1:1883).")
    private MqttEndpoint mqtt;

    @Option(names = "--http", defaultValue = "http://127.0.0.1:8080", paramLabel = "URL",
            description = "The gateway's HTTP API (default: http://127.0.0.1:8080).")
    private String http;

    @Option(names = "--user", defaultValue = GatewayHttp.DEMO_USER, paramLabel = "NAME",
            description = "A supervision-centre or party-watcher account that may read every issue "
                    + "(default: the demo's ${DEFAULT-VALUE}).")
    private String user;

    @Option(names = "--password", defaultValue = GatewayHttp.DEMO_PASSWORD, paramLabel = "SECRET",
            description = "Its password (default: the demo's).")
    private String password;

    @Option(names = "--max-wait", defaultValue = "10m", paramLabel = "DURATION",
            description = "Longest real-time wait to reach a scenario time when the gateway has no controllable"
                    + " clock (default: 10m); a later check fails and says why.")
    private Duration maxWait;

    @Option(names = "--quiet", description = "Print only the reports, not each step.")
    private boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        final GatewayHttp gateway = SimulatorsCommand.orUsageError(spec, () -> new GatewayHttp(http, user, password));
        final List<Scenario> scenarios = new ArrayList<>();
        for (final Path file : files) {
            try {
                scenarios.add(ScenarioReader.read(file));
            } catch (final ScenarioException e) {
                System.out.println("error: " + e.getMessage());
                return 2;
            }
        }
        boolean allPassed = true;
        for (final Scenario scenario : scenarios) {
            final ScenarioResult result = new ScenarioRunner(scenario, mqtt, gateway, maxWait,
                    line -> log(line)).run();
            System.out.println(result.report());
            allPassed &= result.passed();
        }
        return allPassed ? 0 : 1;
    }

    private void log(final String line) {
        if (!quiet) {
            System.out.println(line);
        }
    }
}
