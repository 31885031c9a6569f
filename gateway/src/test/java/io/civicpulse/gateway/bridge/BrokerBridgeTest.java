// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.bootstrap.StartupException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.ingest.IngestResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Life cycle without a broker: an unreachable broker is retried with backoff and never stops the gateway. */
class BrokerBridgeTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    static GatewayConfig.Bridge config(final String url) {
        return new GatewayConfig.Bridge(true, url, "cp-test", "civicpulse", List.of("cp/+/+/+/telemetry"), "", "",
                Duration.ofMinutes(5), 100, Duration.ofSeconds(30), Duration.ofSeconds(2), Duration.ofMillis(20),
                Duration.ofMillis(80));
    }

    /** @return a local port nobody listens on (just closed) */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    @Test
    void start_brokerUnreachable_keepsRetryingWithBackoffAndClosesPromptly() throws Exception {
        // given a broker address where nothing listens
        final BrokerBridge bridge = new BrokerBridge(config("tcp://127.0.0.1:" + closedPort()),
                (topic, payload, done) -> done.accept(IngestResult.ACCEPTED), meters);

        // when
        bridge.start();

        // then it keeps trying (20 ms doubling to 80 ms) and stays "connecting"
        await().atMost(Duration.ofSeconds(20)).until(
                () -> meters.counter(BridgeMetrics.CONNECTS, "outcome", "failure").count() >= 3);
        assertThat(bridge.state()).isEqualTo(BrokerBridge.State.CONNECTING);
        assertThat(bridge.status()).containsEntry("state", "connecting").containsEntry("clientId", "cp-test");
        assertThat(meters.get(BridgeMetrics.CONNECTED).gauge().value()).isZero();

        // and when closed it stops at once, without waiting for a broker
        final long start = System.nanoTime();
        bridge.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(bridge.state()).isEqualTo(BrokerBridge.State.STOPPED);
        bridge.close();
    }

    @Test
    void start_urlPahoCannotUse_failsNamingTheKeys() {
        // given
        final BrokerBridge bridge = new BrokerBridge(config("gopher://127.0.0.1:1883"),
                (topic, payload, done) -> done.accept(IngestResult.ACCEPTED), meters);

        // when / then
        assertThatThrownBy(bridge::start).isInstanceOf(StartupException.class)
                .hasMessageContaining("bridge.url gopher://127.0.0.1:1883").hasMessageContaining("bridge.clientId");
        bridge.close();
    }
}
