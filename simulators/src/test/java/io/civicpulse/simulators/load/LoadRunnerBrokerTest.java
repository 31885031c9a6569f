// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The load generator against the machine's real Mosquitto on 127.0.0.1:1883 (anonymous; the device credentials the
 * generator sends are ignored there). Skipped, naming Mosquitto, where it does not answer.
 */
class LoadRunnerBrokerTest {
    private static final MqttEndpoint MOSQUITTO = new MqttEndpoint("127.0.0.1", 1883);

    /** The RSS benchmark connects 10,000 devices: opening them all at once lost some to connect timeouts. */
    @Test
    void manyDevices_allConnect_andEveryQos1PublishIsAcknowledged() throws Exception {
        assumeTrue(answers(MOSQUITTO), "Mosquitto is not answering on 127.0.0.1:1883");
        final LoadOptions options = LoadOptions.builder().endpoint(MOSQUITTO).protocol(MqttProtocol.V5).qos(1)
                .devices(500).community("loadtest" + ProcessHandle.current().pid()).rate(500)
                .duration(Duration.ofSeconds(2)).window(10).build();

        final LoadResult result = new LoadRunner(options).run();

        assertThat(result.connected()).isEqualTo(500);
        assertThat(result.errors()).isZero();
        assertThat(result.sent()).isPositive();
        assertThat(result.acked()).isEqualTo(result.sent());
    }

    private static boolean answers(final MqttEndpoint endpoint) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), 1_000);
            return true;
        } catch (final IOException e) {
            return false;
        }
    }
}
