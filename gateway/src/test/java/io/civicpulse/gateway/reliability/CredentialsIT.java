// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A thousand wrong logins from one address (wrong passwords and unknown client ids alike) are refused and that
 * address is throttled, while good logins from another address stay fast; no password, wrong or right, appears in
 * anything the gateway logs (at TRACE).
 */
class CredentialsIT {
    /** The attacker's address: Linux routes all of 127.0.0.0/8 to the loopback interface. */
    private static final String ATTACKER = "127.0.0.2";

    @TempDir
    Path dataDir;

    @Test
    void thousandWrongLogins_refusedAndThrottledPerAddress_goodLoginsFast_noSecretLogged() throws Exception {
        final Logger ours = (Logger) LoggerFactory.getLogger("io.civicpulse");
        final Level before = ours.getLevel();
        ours.setLevel(Level.TRACE);
        final List<String> secrets = new ArrayList<>();
        final List<Long> goodMillis = new ArrayList<>();
        final Gateway gateway;
        try (LogCapture log = new LogCapture()) {
            gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.limits.authFailures", "5",
                    "mqtt.limits.authCooldown", "1m"));
            final int port = gateway.mqttAddress().getPort();
            try {
                final List<Integer> codes = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    // Alternate wrong passwords of real devices and client ids that do not exist.
                    final String id = i % 2 == 0 ? "sl-0" + (10 + i % 40) : "nobody-" + i;
                    final String wrong = "wrong-secret-" + i + "-x9";
                    secrets.add(wrong);
                    codes.add(connectFrom(ATTACKER, port, id, wrong));
                    if (i % 100 == 0) {
                        final String good = "bin-0" + (10 + i / 100);
                        secrets.add(GatewayTestSupport.secret(good));
                        final long start = System.nanoTime();
                        assertThat(connectFrom("127.0.0.1", port, good, GatewayTestSupport.secret(good)))
                                .as("good login of " + good).isZero();
                        goodMillis.add((System.nanoTime() - start) / 1_000_000);
                    }
                }
                assertThat(codes.subList(0, 5)).as("first refusals: bad user name or password (0x86), "
                        + "client id not valid (0x85)").allSatisfy(c -> assertThat(c).isIn(0x85, 0x86));
                assertThat(codes.subList(5, codes.size())).as("then the address is throttled (0x9F)")
                        .containsOnly(0x9F);
                Collections.sort(goodMillis);
                assertThat(goodMillis.get(goodMillis.size() - 1)).as("slowest good login, ms").isLessThan(1_000);
            } finally {
                gateway.close();
            }
            final String all = String.join("\n", log.lines());
            assertThat(all).as("captured log").isNotEmpty();
            for (final String secret : secrets) {
                assertThat(all).as("a secret in the log").doesNotContain(secret);
            }
        } finally {
            ours.setLevel(before);
        }
    }

    /** @return the MQTT 5 CONNACK reason code of a CONNECT sent from {@code local} */
    private static int connectFrom(final String local, final int port, final String id, final String password)
            throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(local), 0)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(RawPackets.connect(RawPackets.V5, id, id, password, 0));
            final byte[] head = s.getInputStream().readNBytes(4);
            assertThat(head.length).as("CONNACK of " + id).isGreaterThanOrEqualTo(4);
            return head[3] & 0xFF;
        }
    }
}
