// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import io.civicpulse.gateway.bootstrap.StartupException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.GatewayConfigLoader;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.rules.engine.RuleCompilationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up refuses bad surroundings with an error that names what to change. */
class GatewayStartupIT {
    @TempDir
    Path dataDir;

    @Test
    void start_mqttPortInUse_failsNamingThePortAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final String port = Integer.toString(taken.getLocalPort());
            assertThatThrownBy(() -> GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.port", port)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("MQTT port " + port)
                    .hasMessageContaining("mqtt.port")
                    .hasMessageContaining("--mqtt-port");
        }
    }

    @Test
    void start_httpPortInUse_failsNamingThePortAndTheSetting() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            final String port = Integer.toString(taken.getLocalPort());
            assertThatThrownBy(() -> GatewayTestSupport.startGateway(dataDir, Map.of("http.port", port)))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("HTTP port " + port)
                    .hasMessageContaining("http.port");
        }
    }

    @Test
    void start_operatorRuleFileDoesNotCompile_failsWithFileAndLine() throws Exception {
        final Path bad = dataDir.resolve("broken.drl");
        Files.writeString(bad, "package io.civicpulse.rules.operator\nrule \"x\" when\n  Nonsense( \nthen end\n");
        final Path overlay = dataDir.resolve("overlay.yaml");
        Files.writeString(overlay, "rules:\n  files: [broken.drl]\n");
        final GatewayConfig config = GatewayConfigLoader.load(List.of(GatewayTestSupport.sampleConfig(), overlay),
                Map.of("mqtt.port", "0", "http.port", "0", "dataDir", dataDir.resolve("data").toString()), Map.of());
        try (Gateway gateway = new Gateway(config, Clock.systemUTC())) {
            assertThatThrownBy(gateway::start)
                    .isInstanceOf(RuleCompilationException.class)
                    .hasMessageContaining("broken.drl:");
        }
    }
}
