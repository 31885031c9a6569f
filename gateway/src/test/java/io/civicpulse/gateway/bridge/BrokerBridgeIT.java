// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One gateway consuming the real Mosquitto on 127.0.0.1:1883 through its bridge: readings published by devices on
 * the broker are stored, refusals are acknowledged and never come back, and a cut connection loses nothing.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrokerBridgeIT {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridgeIT.class);

    @TempDir
    Path dir;

    private BridgeFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        BridgeFixture.assumeBroker();
        fixture = new BridgeFixture(dir, 5);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private TelemetryPublisher publisher() throws Exception {
        return fixture.closeLater(new TelemetryPublisher(BridgeFixture.BROKER_URL, fixture.run + "-pub"));
    }

    @Test
    void bridge_qos1ReadingsOnTheBroker_areAllStoredOnceAndQueryableOverHttp() throws Exception {
        // given a gateway whose bridge consumes this run's community
        final Gateway gateway = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, 1000));
        final TelemetryPublisher publisher = publisher();
        final int n = 1000;

        // when devices publish N QoS 1 readings on the broker
        final long start = System.nanoTime();
        for (int seq = 0; seq < n; seq++) {
            publisher.publish(fixture.topic(seq % fixture.devices.size()), seq);
        }
        publisher.awaitAcked();
        final double published = (System.nanoTime() - start) / 1e9;

        // then every one is stored exactly once
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> fixture.storedCount(gateway) >= n);
        final double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Bridge stored {} QoS 1 readings from Mosquitto {} s after the first publish ({} readings/s; the "
                + "publisher needed {} s)", n, String.format("%.2f", seconds), Math.round(n / seconds),
                String.format("%.2f", published));
        final Map<Long, Integer> stored = fixture.storedSequences(gateway);
        assertThat(stored).hasSize(n);
        assertThat(stored.values()).containsOnly(1);

        // and the readings are queryable over the HTTP API like those from the gateway's own listener
        final GatewayTestSupport.Response readings = GatewayTestSupport.get(gateway,
                "/api/devices/" + fixture.devices.get(0) + "/readings?limit=10000");
        assertThat(readings.status()).isEqualTo(200);
        assertThat(readings.json().get("readings")).hasSize(n / fixture.devices.size());

        // and the health endpoint shows the bridge connected, with nothing left unacknowledged
        final JsonNode bridge = GatewayTestSupport.get(gateway, "/health").json().get("bridge");
        assertThat(bridge.get("state").asText()).isEqualTo("connected");
        await().atMost(Duration.ofSeconds(5)).until(() -> gateway.bridge().orElseThrow().status().get("inflight")
                .equals(0));
    }

    @Test
    void bridge_sustainedRate_measuredWhenAsked() throws Exception {
        // Opt-in benchmark: -Dcp.bridge.benchmark=20000 (readings) [-Dcp.bridge.publishers=2]. Mosquitto drops
        // messages for a subscriber whose queue is full (max_queued_messages, 1000 by default), so the publishers keep
        // at most 800 readings ahead of the bridge's acknowledgements.
        final int n = Integer.getInteger("cp.bridge.benchmark", 0);
        Assumptions.assumeTrue(n > 0, "benchmark not requested (-Dcp.bridge.benchmark=N)");
        final int publishers = Integer.getInteger("cp.bridge.publishers", 1);
        final Gateway gateway = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, 1000));
        final BrokerBridge bridge = gateway.bridge().orElseThrow();
        final AtomicLong published = new AtomicLong();
        final List<CompletableFuture<Void>> streams = new ArrayList<>();
        final long start = System.nanoTime();
        for (int p = 0; p < publishers; p++) {
            final TelemetryPublisher publisher = fixture.closeLater(new TelemetryPublisher(BridgeFixture.BROKER_URL,
                    fixture.run + "-pub" + p));
            final int first = p;
            streams.add(CompletableFuture.runAsync(() -> {
                try {
                    for (int seq = first; seq < n; seq += publishers) {
                        final long ahead = published.incrementAndGet();
                        if (ahead - bridge.acknowledged() >= 800) {
                            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO)
                                    .pollInterval(Duration.ofMillis(2))
                                    .until(() -> ahead - bridge.acknowledged() < 400);
                        }
                        publisher.publish(fixture.topic(seq % fixture.devices.size()), seq);
                    }
                } catch (final Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        CompletableFuture.allOf(streams.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5))
                .until(() -> bridge.acknowledged() >= n);
        final double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("Bridge benchmark: {} readings from {} publishers stored and acknowledged in {} s = {} readings/s", n,
                publishers, String.format("%.2f", seconds), Math.round(n / seconds));
        assertThat(fixture.storedSequences(gateway)).hasSize(n);
    }

    @Test
    void bridge_chirpStackUplinkOnTheBroker_isStoredForTheDeviceWithThatDevEui() throws Exception {
        // given a bridge that also consumes the run's ChirpStack application (a second filter)
        final Gateway gateway = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, 100));
        final TelemetryPublisher publisher = publisher();
        final String uplink = "{\"time\": \"" + Instant.now().minusSeconds(5) + "\", \"fCnt\": 7, "
                + "\"deviceInfo\": {\"devEui\": \"" + fixture.devEuis.get(3) + "\"}, "
                + "\"object\": {\"level\": 150, \"temperature\": 24}}";

        // when the network server publishes an uplink of device 3 on the broker
        publisher.publishRaw(fixture.chirpStackTopic(3), uplink.getBytes(StandardCharsets.UTF_8));
        publisher.awaitAcked();

        // then the reading is stored for the device registered with that DevEUI, in our metric names
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.storedCount(gateway) == 1);
        final List<StoredReading> stored = gateway.telemetry().history(BridgeFixture.TYPE, fixture.devices.get(3),
                Instant.EPOCH, Instant.now().plusSeconds(60), 10);
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.sequence()).isEqualTo(7);
            assertThat(r.metrics()).containsEntry("temperature_c", 24.0).containsEntry("level_mm", 150.0);
        });
    }

    @Test
    void bridge_unknownDeviceAndInvalidPayload_areRefusedIntoTheLedgerAndAcknowledged() throws Exception {
        // given
        final Gateway first = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, 100));
        final TelemetryPublisher publisher = publisher();
        final String ghost = "cp/" + fixture.run + "/bin/ghost-1/telemetry";
        final String wrongType = "cp/" + fixture.run + "/gate/" + fixture.devices.get(1) + "/telemetry";

        // when an unregistered device, a registered id under the wrong type and a bad payload arrive
        publisher.publish(ghost, 1);
        publisher.publish(wrongType, 2);
        publisher.publishRaw(fixture.topic(2), "{\"seq\": 3}".getBytes(StandardCharsets.UTF_8));
        publisher.publish(fixture.topic(0), 4);
        publisher.awaitAcked();

        // then each is refused with its reason in the ledger, and the good one is stored
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.storedCount(first) == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayTestSupport.get(first, "/api/rejections")
                .json().size() == 3);
        assertThat(GatewayTestSupport.get(first, "/api/rejections").json().toString())
                .contains("no registered device has id ghost-1")
                .contains(fixture.devices.get(1) + " is registered with community " + fixture.run + ", type bin")
                .contains("not_authorized").contains("payload_invalid").contains("ts is missing")
                .contains("bridge:" + fixture.clientId("a"));

        // when the gateway restarts on the same session and one more reading arrives
        fixture.closeNow(first);
        final Gateway second = fixture.closeLater(fixture.startGateway("a", BridgeFixture.BROKER_URL, 100));
        publisher.publish(fixture.topic(0), 5);
        publisher.awaitAcked();

        // then the refused messages were acknowledged: the resumed session does not bring them back
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.storedSequences(second).containsKey(5L));
        assertThat(GatewayTestSupport.get(second, "/api/rejections").json()).isEmpty();
        assertThat(fixture.storedSequences(second).keySet()).containsExactlyInAnyOrder(4L, 5L);
    }

    @Test
    void bridge_connectionCutMidStream_reconnectsWithBackoffResumesSessionAndLosesNothing() throws Exception {
        // given a gateway that reaches the broker through a relay the test can cut
        final TcpProxy proxy = fixture.closeLater(new TcpProxy(BridgeFixture.BROKER_PORT));
        final int maxInflight = 50;
        final Gateway gateway = fixture.closeLater(fixture.startGateway("a", proxy.url(), maxInflight));
        final TelemetryPublisher publisher = publisher();
        final int n = 900;

        // when the connection is reset in the middle of each of the first two thirds of the stream, and the bridge
        // reconnects on its own each time
        for (int cut = 1; cut <= 2; cut++) {
            final int from = (cut - 1) * n / 3;
            for (int seq = from; seq < from + n / 3; seq++) {
                publisher.publish(fixture.topic(seq % fixture.devices.size()), seq);
                if (seq == from + n / 6) {
                    proxy.dropConnections();
                }
            }
            final int connections = cut + 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> proxy.relayed() == connections
                    && gateway.bridge().orElseThrow().state() == BrokerBridge.State.CONNECTED);
        }
        for (int seq = 2 * n / 3; seq < n; seq++) {
            publisher.publish(fixture.topic(seq % fixture.devices.size()), seq);
        }
        publisher.awaitAcked();

        // then every reading is stored
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.storedSequences(gateway).size() == n);

        // and exactly once: readings taken but not acknowledged when a connection was cut come again (the bridge
        // counts them), and the store keeps one row per (timestamp, device, seq)
        final Map<Long, Integer> stored = fixture.storedSequences(gateway);
        final long duplicates = stored.values().stream().mapToLong(c -> c - 1).sum();
        final long unacked = gateway.bridge().orElseThrow().unacknowledgedOnLoss();
        LOG.info("Connection cut twice during {} readings: {} stored twice; {} taken but unacknowledged at the "
                + "cuts; bridge.maxInflight {}", n, duplicates, unacked, maxInflight);
        assertThat(duplicates).isZero();
    }

    @Test
    void bridge_brokerUnreachableAtStart_gatewayStartsAndBridgeConnectsWhenItIsBack() throws Exception {
        // given a broker that refuses every connection
        final TcpProxy proxy = fixture.closeLater(new TcpProxy(BridgeFixture.BROKER_PORT));
        proxy.refuse(true);
        final Gateway gateway = fixture.closeLater(new Gateway(fixture.config("a", proxy.url(), 100),
                Clock.systemUTC()));

        // when the gateway starts
        gateway.start();

        // then it runs, and its bridge keeps trying
        assertThat(GatewayTestSupport.get(gateway, "/health").json().get("bridge").get("state").asText())
                .isEqualTo("connecting");

        // when the broker is back
        proxy.refuse(false);

        // then the bridge connects within its backoff (at most 500 ms here) and readings flow
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.bridge().orElseThrow().state()
                == BrokerBridge.State.CONNECTED);
        final TelemetryPublisher publisher = publisher();
        publisher.publish(fixture.topic(0), 1);
        publisher.awaitAcked();
        await().atMost(Duration.ofSeconds(20)).until(() -> fixture.storedCount(gateway) == 1);
    }
}
