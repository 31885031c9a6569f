// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.scenarios;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.simulators.cli.SimulatorsCommand;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.scenario.GatewayHttp;
import io.civicpulse.simulators.scenario.ScenarioReader;
import io.civicpulse.simulators.scenario.ScenarioResult;
import io.civicpulse.simulators.scenario.ScenarioRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A scenario whose expectations the gateway does not meet fails, with a diff naming what differed. */
class ScenarioFailureIT {

    /** A bin fire expected to go to the wrong body, in the wrong state, and a lamp issue that never comes. */
    private static final String WRONG = """
            name: wrong-expectations
            fleet: {seed: 42, community: lakeside, streetlights: 1, bins: 2, gates: 1, interval: 1s, client: netty}
            timeline:
              - {at: 1s, fault: bin-fire, device: bin-001}
            expect:
              - {category: WB-03, device: bin-001, state: AUTO_HANDLING, lead: district-lighting, within: 20s}
              - {category: SL-01, device: sl-001, within: 4s}
            """;

    @TempDir
    Path dataDir;

    private Gateway gateway;

    @BeforeEach
    void startGateway() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
    }

    @Test
    void run_outcomesDiffer_failsWithADiffOfExpectedAndActual() throws Exception {
        // given
        final GatewayHttp http = new GatewayHttp("http://127.0.0.1:" + gateway.httpAddress().getPort());
        final MqttEndpoint mqtt = new MqttEndpoint("127.0.0.1", gateway.mqttAddress().getPort());

        // when
        final ScenarioResult result = new ScenarioRunner(ScenarioReader.parse(WRONG, "inline"), mqtt, http,
                Duration.ofSeconds(5), line -> { }).run();

        // then: the issue exists but differs field by field; the missing one says what was there instead
        assertThat(result.passed()).isFalse();
        final String report = result.report();
        assertThat(report).contains("scenario wrong-expectations: FAILED (0 of 2 expectations met)")
                .contains("state:        expected AUTO_HANDLING, actual DISPATCHED")
                .contains("lead:         expected district-lighting, actual street-office")
                .contains("issue:        expected SL-01 for sl-001, actual no issue of SL-01");
    }

    @Test
    void scenarioCommand_outcomesDiffer_exitsOneAndPrintsTheDiff() throws Exception {
        // given
        final Path file = dataDir.resolve("wrong.yaml");
        Files.writeString(file, WRONG);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream original = System.out;

        // when
        final int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = SimulatorsCommand.commandLine().execute("scenario", file.toString(), "--quiet",
                    "--mqtt", "127.0.0.1:" + gateway.mqttAddress().getPort(),
                    "--http", "http://127.0.0.1:" + gateway.httpAddress().getPort());
        } finally {
            System.setOut(original);
        }

        // then
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("FAIL WB-03 bin-001")
                .contains("lead:         expected district-lighting, actual street-office");
    }

    @Test
    void scenarioCommand_badFile_exitsTwoNamingTheField() throws Exception {
        // given
        final Path file = dataDir.resolve("bad.yaml");
        Files.writeString(file, WRONG.replace("fault: bin-fire", "fault: bin-melt"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream original = System.out;

        // when
        final int exit;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            exit = SimulatorsCommand.commandLine().execute("scenario", file.toString(), "--http",
                    "http://127.0.0.1:" + gateway.httpAddress().getPort());
        } finally {
            System.setOut(original);
        }

        // then
        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("timeline[0].fault: unknown fault 'bin-melt'");
    }
}
