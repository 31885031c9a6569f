// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.scenarios;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.scenario.GatewayHttp;
import io.civicpulse.simulators.scenario.Scenario;
import io.civicpulse.simulators.scenario.ScenarioReader;
import io.civicpulse.simulators.scenario.ScenarioResult;
import io.civicpulse.simulators.scenario.ScenarioRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped scenario files (simulators/scenarios/) against an in-process gateway on the sample configuration with
 * the lab clock on ({@code clock.controllable}, as in the demo): every expected outcome — category, routing class,
 * lead, state, escalation rung, resident report routing — must hold.
 */
class ScenarioIT {

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private GatewayHttp http;
    private MqttEndpoint mqtt;

    /**
     * A gateway per scenario: a scenario moves the gateway clock ahead, and the simulated devices keep stamping
     * readings with the real time, which the next scenario's rules would then take for late readings.
     */
    @BeforeEach
    void startGateway() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("clock.controllable", "true"));
        http = new GatewayHttp("http://127.0.0.1:" + gateway.httpAddress().getPort());
        mqtt = new MqttEndpoint("127.0.0.1", gateway.mqttAddress().getPort());
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
    }

    static Path scenarioFile(final String name) {
        return Path.of("..", "simulators", "scenarios", name).toAbsolutePath().normalize();
    }

    private ScenarioResult run(final Scenario scenario) throws InterruptedException {
        // A short real-time budget: scenario times minutes away need the gateway clock, not a slow test.
        return new ScenarioRunner(scenario, mqtt, http, Duration.ofSeconds(5), line -> { }).run();
    }

    @ParameterizedTest
    @ValueSource(strings = {"routine-auto-bin-full.yaml", "public-service-gate-held.yaml",
        "administrative-lamp-out.yaml", "mixed-bin-fire.yaml", "network-dropout.yaml"})
    void shippedScenario_againstTheGateway_everySupportedOutcomeHolds(final String file) throws Exception {
        // given
        final Scenario scenario = ScenarioReader.read(scenarioFile(file));

        // when
        final ScenarioResult result = run(scenario);

        // then: category, routing class, lead, state and escalation rungs as GOVERNANCE.md prescribes
        assertThat(result.outcomes()).isNotEmpty();
        for (final ScenarioResult.Outcome outcome : result.outcomes()) {
            assertThat(outcome.passed()).as(result.report()).isTrue();
        }
        assertThat(result.stepFailures()).as(result.report()).isEmpty();
    }

    @Test
    void residentReportScenario_postsTheReport_andExpectsItRouted() throws Exception {
        // given
        final Scenario scenario = ScenarioReader.read(scenarioFile("resident-report-dumping.yaml"));

        // when
        final ScenarioResult result = run(scenario);

        // then the report opened an issue on the route its category prescribes
        assertThat(result.stepFailures()).as(result.report()).isEmpty();
        assertThat(result.passed()).as(result.report()).isTrue();
    }
}
