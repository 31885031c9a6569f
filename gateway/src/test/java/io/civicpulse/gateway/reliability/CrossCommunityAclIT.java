// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.mqtt.BrokerMessage;
import io.civicpulse.gateway.mqtt.PublishProperties;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Randomized publish/subscribe across two communities delivers nothing across the boundary (issue 9, reliability 6).
 * Devices of lakeside and hillview (MQTT 5 and 3.1.1) and two crew accounts subscribe to random filters (exact, +, #,
 * $share), the gateway publishes commands, alerts and status on random topics of both communities, and every device
 * publishes on its own and other devices' topics. An oracle written here, independent of the gateway's ACL code,
 * says what each client may subscribe to and publish; the test asserts every SUBACK and MQTT 5 PUBACK code (0x87 for
 * a forbidden filter or topic), and that each client received exactly what its granted filters match: so nothing
 * from one community reaches a device of the other, and nothing reaches a crew but its own body's alerts.
 * Seeded: {@code -Dacl.seed=...} replays a run (the seed is logged); {@code -Dacl.rounds} sets the rounds (3).
 */
class CrossCommunityAclIT {
    private static final Logger LOG = LoggerFactory.getLogger(CrossCommunityAclIT.class);
    private static final String SECRET = "acl-test-secret-4f9a2c";
    private static final List<String> COMMUNITIES = List.of("lakeside", "hillview");
    private static final List<AclOracle.Device> DEVICES = List.of(
            new AclOracle.Device("a-bin-1", "bin", "lakeside", true),
            new AclOracle.Device("a-bin-2", "bin", "lakeside", false),
            new AclOracle.Device("a-sl-1", "streetlight", "lakeside", true),
            new AclOracle.Device("b-bin-1", "bin", "hillview", true),
            new AclOracle.Device("b-bin-2", "bin", "hillview", false),
            new AclOracle.Device("b-sl-1", "streetlight", "hillview", true));
    /** Crew account to its body. */
    private static final Map<String, String> CREWS = Map.of("lighting-crew", "district-lighting",
            "sanitation-crew", "sanitation-contractor");

    @TempDir
    Path dir;

    @Test
    void randomPublishSubscribe_twoCommunities_nothingDeliveredAcrossTheBoundary() throws Exception {
        final long seed = Long.getLong("acl.seed", System.nanoTime());
        final int rounds = Integer.getInteger("acl.rounds", 3);
        LOG.info("cross-community ACL: seed {} ({} rounds); rerun with -Dacl.seed={}", seed, rounds, seed);
        final Random rnd = new Random(seed);
        final Gateway gateway = GatewayTestSupport.startGateway(dir.resolve("data"), Map.of(
                "registry.devices", fixture("devices-two-communities.yaml").toString(),
                "registry.crews", fixture("crews-two-communities.yaml").toString()));
        final AclOracle oracle = new AclOracle(DEVICES, CREWS);
        try {
            for (int round = 0; round < rounds; round++) {
                runRound(gateway, oracle, rnd, round);
            }
        } finally {
            gateway.close();
        }
    }

    private void runRound(final Gateway gateway, final AclOracle oracle, final Random rnd, final int round)
            throws Exception {
        final Map<String, AclClient> clients = new HashMap<>();
        final Map<String, List<String>> granted = new HashMap<>();
        try {
            for (final AclOracle.Device d : DEVICES) {
                clients.put(d.id(), new AclClient(GatewayTestSupport.mqttUri(gateway), d.id(), SECRET, d.mqtt5()));
            }
            for (final String crew : CREWS.keySet()) {
                clients.put(crew, new AclClient(GatewayTestSupport.mqttUri(gateway), crew, SECRET, true));
            }
            // given random subscriptions, each answered as the oracle says
            int grants = 0;
            for (final AclClient c : clients.values()) {
                final List<String> mine = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    final String filter = oracle.randomFilter(rnd, c.name, c.mqtt5);
                    final boolean allowed = oracle.mayRead(c.name, filter);
                    final int code = c.subscribe(filter);
                    assertThat(code).as("SUBACK of %s for %s", c.name, filter)
                            .isEqualTo(allowed ? 1 : c.mqtt5 ? 0x87 : 0x80);
                    if (allowed) {
                        mine.add(filter);
                        grants++;
                    }
                }
                granted.put(c.name, mine);
            }
            // when the gateway and every device publish on random topics of both communities
            final List<String[]> published = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                final String topic = oracle.randomTopic(rnd);
                final String payload = "r" + round + "-gw-" + i + "-" + topic;
                gateway.broker().publish(new BrokerMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1,
                        false, PublishProperties.NONE, 0, BrokerMessage.GATEWAY));
                published.add(new String[] {topic, payload});
            }
            for (final AclOracle.Device d : DEVICES) {
                for (int i = 0; i < 6; i++) {
                    final AclOracle.Device about = rnd.nextBoolean() ? d : DEVICES.get(rnd.nextInt(DEVICES.size()));
                    final String leaf = "bin".equals(about.type()) && rnd.nextBoolean() ? "telemetry" : "status";
                    final String topic = about.topic(leaf);
                    final String payload = "telemetry".equals(leaf) ? "{\"ts\": " + System.currentTimeMillis()
                            + ", \"seq\": " + (round * 100 + i) + ", \"metrics\": {\"fill_pct\": 40.0}}"
                            : "r" + round + "-" + d.id() + "-" + i + "-online";
                    final boolean allowed = about.equals(d);
                    final int code = clients.get(d.id()).publish(topic, payload);
                    if (d.mqtt5()) {
                        assertThat(code).as("PUBACK of %s on %s", d.id(), topic).isEqualTo(allowed ? 0 : 0x87);
                    }
                    if (allowed) {
                        published.add(new String[] {topic, payload});
                    }
                }
            }
            // then every client receives exactly what its granted filters match, and nothing else
            final Map<String, Set<String>> expected = new HashMap<>();
            for (final AclClient c : clients.values()) {
                final Set<String> want = new HashSet<>();
                for (final String[] p : published) {
                    if (granted.get(c.name).stream().anyMatch(f -> AclOracle.matches(f, p[0]))) {
                        want.add(p[1]);
                    }
                }
                expected.put(c.name, want);
            }
            Awaitility.await().atMost(Duration.ofSeconds(20)).during(Duration.ofMillis(500))
                    .pollInterval(Duration.ofMillis(100)).until(() -> {
                        clients.values().forEach(AclClient::collect);
                        return clients.values().stream().allMatch(c -> c.received.equals(expected.get(c.name)));
                    });
            int deliveries = 0;
            for (final AclClient c : clients.values()) {
                assertThat(c.connected()).as("%s still connected", c.name).isTrue();
                assertThat(c.received).as("messages %s received", c.name).isEqualTo(expected.get(c.name));
                oracle.device(c.name).ifPresent(d -> assertThat(c.received).as("what device %s received", c.name)
                        .allMatch(payload -> payload.contains("/" + d.community() + "/")));
                deliveries += c.received.size();
            }
            LOG.info("cross-community ACL round {}: {} filters granted, {} messages published, {} delivered",
                    round, grants, published.size(), deliveries);
            assertThat(deliveries).as("deliveries (the round is not vacuous)").isPositive();
        } finally {
            for (final AclClient c : clients.values()) {
                c.close();
            }
        }
    }

    private Path fixture(final String name) throws IOException {
        final String hash = BCrypt.hashpw(SECRET, BCrypt.gensalt(4));
        try (InputStream in = getClass().getResourceAsStream("/registry/" + name)) {
            final String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{HASH}}", hash);
            return Files.writeString(dir.resolve(name), text);
        }
    }
}
