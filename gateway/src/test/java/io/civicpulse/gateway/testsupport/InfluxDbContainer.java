// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The InfluxDB 2.7 server the InfluxDB tests run against where Docker exists: set up on start with org {@link #ORG},
 * bucket {@link #BUCKET} and admin token {@link #TOKEN}, ready when {@code /health} answers 200.
 */
public final class InfluxDbContainer {
    public static final String TOKEN = "civicpulse-test-token";
    public static final String ORG = "city";
    public static final String BUCKET = "telemetry";
    public static final int PORT = 8086;

    private InfluxDbContainer() {
    }

    /** @return a new, not yet started container (the test's {@code @Container} field starts it) */
    public static GenericContainer<?> create() {
        return new GenericContainer<>("influxdb:2.7")
                .withExposedPorts(PORT)
                .withEnv("DOCKER_INFLUXDB_INIT_MODE", "setup")
                .withEnv("DOCKER_INFLUXDB_INIT_USERNAME", "civicpulse")
                .withEnv("DOCKER_INFLUXDB_INIT_PASSWORD", "civicpulse-password")
                .withEnv("DOCKER_INFLUXDB_INIT_ORG", ORG)
                .withEnv("DOCKER_INFLUXDB_INIT_BUCKET", BUCKET)
                .withEnv("DOCKER_INFLUXDB_INIT_ADMIN_TOKEN", TOKEN)
                .waitingFor(Wait.forHttp("/health").forStatusCode(200));
    }
}
