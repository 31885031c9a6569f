// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.reliability.MalformedPacketCorpus.Case;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every packet of {@link MalformedPacketCorpus}, sent as raw bytes over a socket to one running gateway, is handled
 * as the specification says, nothing escapes the handlers, and a canary device doing QoS 1 round trips on its own
 * connection never notices.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedPacketCorpusIT {
    private static final String DEVICE = "bin-041";
    private static final Duration CLOSE_WITHIN = Duration.ofSeconds(3);

    @TempDir
    static Path dataDir;

    private Gateway gateway;
    private Canary canary;
    private LogCapture log;

    @BeforeAll
    void start() throws Exception {
        log = new LogCapture();
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
        canary = new Canary(GatewayTestSupport.mqttUri(gateway), "bin-050", 5);
    }

    @AfterAll
    void stop() throws Exception {
        canary.close();
        gateway.close();
        log.close();
    }

    List<Case> corpus() {
        return MalformedPacketCorpus.cases(DEVICE, GatewayTestSupport.secret(DEVICE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void packet_handledAsTheSpecSays_canaryUnaffected(final Case c) throws Exception {
        final int before = canary.roundTrips();
        try (RawClient client = new RawClient(gateway.mqttAddress().getPort())) {
            if (c.connectFirst()) {
                client.send(RawPackets.connect(c.level(), DEVICE, DEVICE, GatewayTestSupport.secret(DEVICE), 0));
                final RawClient.Packet connAck = client.read(Duration.ofSeconds(10));
                assertThat(connAck).as("CONNACK").isNotNull();
                assertThat(connAck.type()).isEqualTo(2);
                assertThat(connAck.reasonCode()).as("CONNACK code").isZero();
            }
            client.send(c.bytes());
            switch (c.outcome()) {
                case CLOSED -> assertClosed(c, client.readUntilClosed(CLOSE_WITHIN));
                case REPLY_AND_OPEN -> {
                    final RawClient.Packet reply = client.read(CLOSE_WITHIN);
                    assertThat(reply).as("reply").isNotNull();
                    assertThat(reply.type()).as("reply type").isEqualTo(c.replyType());
                    assertThat(replyCode(reply)).as("reply code").isIn(c.codes());
                    assertStillOpen(client);
                }
                case OPEN -> assertStillOpen(client);
                default -> throw new IllegalStateException(c.outcome().toString());
            }
        }
        canary.assertHealthy(before + 1);
        assertThat(log.unexpectedListenerErrors()).as("errors that escaped the MQTT handlers").isEmpty();
    }

    @Test
    void corpus_afterwards_newDevicesStillConnect() throws Exception {
        try (RawClient client = new RawClient(gateway.mqttAddress().getPort())) {
            client.send(RawPackets.connect(RawPackets.V5, "bin-042", "bin-042", GatewayTestSupport.secret("bin-042"),
                    30));
            assertThat(client.read(Duration.ofSeconds(10)).reasonCode()).isZero();
        }
    }

    private static void assertClosed(final Case c, final List<RawClient.Packet> before) {
        if (c.level() == RawPackets.V5 && c.connectFirst() && !c.codes().isEmpty()) {
            assertThat(before).as("packets before the close").hasSize(1);
            assertThat(before.get(0).type()).as("DISCONNECT").isEqualTo(14);
            assertThat(before.get(0).reasonCode()).as("DISCONNECT reason code").isIn(c.codes());
        } else if (c.connectFirst()) {
            assertThat(before).as("an MQTT 3.1.1 server just closes").isEmpty();
        } else {
            // Before CONNECT is accepted the server may answer a CONNACK refusal, then closes (MQTT 5 §4.13.1).
            assertThat(before).as("packets before the close").allSatisfy(p -> {
                assertThat(p.type()).isEqualTo(2);
                assertThat(p.reasonCode()).isIn(c.codes());
            });
        }
    }

    private static void assertStillOpen(final RawClient client) throws Exception {
        client.send(RawPackets.pingReq());
        final RawClient.Packet pong = client.read(CLOSE_WITHIN);
        assertThat(pong).as("PINGRESP: the connection stays open").isNotNull();
        assertThat(pong.type()).isEqualTo(13);
    }

    private static int replyCode(final RawClient.Packet p) {
        // PUBACK/PUBREC/PUBREL/PUBCOMP: packet id, then the MQTT 5 reason code (absent = success).
        return p.body().length > 2 ? p.body()[2] & 0xFF : 0;
    }
}
