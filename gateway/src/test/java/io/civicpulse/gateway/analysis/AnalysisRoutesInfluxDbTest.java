// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.gateway.storage.InfluxDbTelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStack;
import io.civicpulse.rules.engine.RuleParameters;
import io.javalin.Javalin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** With InfluxDB as the store, the answers that need the embedded store say so (501) instead of failing. */
class AnalysisRoutesInfluxDbTest {
    @TempDir
    Path dir;

    @Test
    void embeddedOnlyAnswers_onInfluxDb_are501NamingTheSetting() throws Exception {
        // given an InfluxDB store (it connects lazily; nothing listens there)
        final Registry registry = RegistryLoader.load(Files.writeString(dir.resolve("devices.yaml"), "devices: []\n"),
                Files.writeString(dir.resolve("crews.yaml"), "accounts: []\n"));
        try (InfluxDbTelemetryStore influx = new InfluxDbTelemetryStore("http://127.0.0.1:9", "t".toCharArray(),
                "org", "bucket", id -> "")) {
            final AnalysisRoutes routes = AnalysisRoutes.forStack(new TelemetryStack(influx, null, null, null),
                    registry, RuleParameters.defaults(), Clock.systemUTC());
            final Javalin app = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                routes.register(c);
            }).start("127.0.0.1", 0);
            try {
                // when
                final HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + app.port() + "/api/analysis/bins")).build(),
                        HttpResponse.BodyHandlers.ofString());

                // then
                assertThat(response.statusCode()).isEqualTo(501);
                assertThat(response.body()).contains("telemetry.store: questdb");
            } finally {
                app.stop();
            }
        }
    }
}
