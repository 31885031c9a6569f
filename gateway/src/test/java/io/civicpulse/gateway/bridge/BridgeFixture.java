// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.GatewayConfigLoader;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.Assumptions;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.awaitility.Awaitility.await;

/**
 * Bridge integration tests against the Mosquitto on 127.0.0.1:1883 (and nothing else): a community, a share group
 * and client ids unique to the test run, so parallel runs on the same broker do not see each other's messages;
 * gateways embedded on ephemeral ports with the bridge enabled; sessions purged from the broker afterwards.
 */
final class BridgeFixture implements AutoCloseable {
    /** What a test started through this fixture, closed in reverse order by {@link #close()}. */
    private final List<AutoCloseable> toClose = new ArrayList<>();

    static final String BROKER_HOST = "127.0.0.1";
    static final int BROKER_PORT = 1883;
    static final String BROKER_URL = "tcp://" + BROKER_HOST + ":" + BROKER_PORT;
    static final String TYPE = "bin";

    /** Unique to this fixture: the community (topic level 2), share group and client-id prefix. */
    final String run;
    final List<String> devices;
    /** The LoRaWAN DevEUI of each device (16 hex digits, unique to the run). */
    final List<String> devEuis;
    private final Path dir;
    private final Path devicesFile;
    private final List<String> clientIds = new ArrayList<>();

    /**
     * @param dir     a temporary folder
     * @param devices registered bins in the run's community
     * @throws IOException if the registry cannot be written
     */
    BridgeFixture(final Path dir, final int devices) throws IOException {
        this.run = "bt" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 50), 36);
        this.dir = dir;
        final List<String> ids = new ArrayList<>();
        final List<String> euis = new ArrayList<>();
        final StringBuilder yaml = new StringBuilder("devices:\n");
        final String hash = BCrypt.hashpw("bridged devices send no secret", BCrypt.gensalt(4));
        final long euiBase = ThreadLocalRandom.current().nextLong(1L << 60, 1L << 62);
        for (int i = 0; i < devices; i++) {
            final String id = run + "-bin-" + i;
            final String eui = String.format("%016x", euiBase + i);
            ids.add(id);
            euis.add(eui);
            yaml.append("  - {id: ").append(id).append(", type: bin, community: ").append(run)
                    .append(", devEui: \"").append(eui).append("\", passwordHash: \"").append(hash)
                    .append("\", intervalSeconds: 3600}\n");
        }
        this.devices = List.copyOf(ids);
        this.devEuis = List.copyOf(euis);
        this.devicesFile = Files.writeString(dir.resolve("devices.yaml"), yaml);
    }

    /** Skips the calling test, naming the broker, when nothing listens on 127.0.0.1:1883. */
    static void assumeBroker() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(BROKER_HOST, BROKER_PORT), 1_000);
        } catch (final IOException e) {
            Assumptions.abort("Mosquitto not reachable at " + BROKER_HOST + ":" + BROKER_PORT + ": " + e);
        }
    }

    /** @return the run's share group */
    String group() {
        return run;
    }

    /**
     * @param name an instance name
     * @return the bridge client id of that instance in this run (recorded for {@link #purgeSessions()})
     */
    String clientId(final String name) {
        final String id = run + "-" + name;
        if (!clientIds.contains(id)) {
            clientIds.add(id);
        }
        return id;
    }

    /** @return the ChirpStack v4 uplink topic of the i-th device, in an application named after the run */
    String chirpStackTopic(final int device) {
        return "application/" + run + "/device/" + devEuis.get(device) + "/event/up";
    }

    /** @return the telemetry topic of the i-th device */
    String topic(final int device) {
        return "cp/" + run + "/" + TYPE + "/" + devices.get(device) + "/telemetry";
    }

    /**
     * Starts a gateway on the sample configuration with this run's registry and the bridge enabled, and waits until
     * the bridge is subscribed.
     *
     * @param name        instance name: its data folder and client id
     * @param url         the broker (or a relay in front of it)
     * @param maxInflight {@code bridge.maxInflight}
     * @return the started gateway; close it
     * @throws Exception when it cannot start
     */
    Gateway startGateway(final String name, final String url, final int maxInflight) throws Exception {
        final Gateway gateway = new Gateway(config(name, url, maxInflight), Clock.systemUTC());
        gateway.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> gateway.bridge().orElseThrow().state()
                == BrokerBridge.State.CONNECTED);
        return gateway;
    }

    GatewayConfig config(final String name, final String url, final int maxInflight) throws Exception {
        final Path overlay = Files.writeString(dir.resolve(name + ".yaml"), """
                registry: {devices: "%s"}
                bridge:
                  enabled: true
                  url: %s
                  clientId: %s
                  group: %s
                  filters: ["cp/%s/+/+/telemetry", "application/%s/device/+/event/up"]
                  maxInflight: %d
                  sessionExpiry: 10m
                  reconnectMinDelay: 50ms
                  reconnectMaxDelay: 500ms
                """.formatted(devicesFile, url, clientId(name), group(), run, run, maxInflight));
        final Map<String, String> overrides = new HashMap<>();
        overrides.put("mqtt.port", "0");
        overrides.put("http.port", "0");
        overrides.put("dataDir", dir.resolve(name + "-data").toString());
        overrides.put("ingest.tick", "200ms");
        return GatewayConfigLoader.load(List.of(GatewayTestSupport.sampleConfig(), overlay), overrides, Map.of());
    }

    /**
     * @param gateways gateways whose stores to read
     * @return for every sequence number stored by any of them, how often it was stored in total
     * @throws Exception if a store cannot be read
     */
    Map<Long, Integer> storedSequences(final Gateway... gateways) throws Exception {
        final Map<Long, Integer> counts = new HashMap<>();
        for (final Gateway g : gateways) {
            for (final String id : devices) {
                for (final StoredReading r : g.telemetry().history(TYPE, id, Instant.EPOCH,
                        Instant.now().plus(Duration.ofHours(1)), 1_000_000)) {
                    counts.merge(r.sequence(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    /** @return readings stored by one gateway for this run's devices */
    int storedCount(final Gateway gateway) throws Exception {
        return storedSequences(gateway).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Ends every bridge session of this run on the broker (clean start, expiry 0), so none is left behind. */
    /**
     * @param c something a test started (gateway, client, publisher)
     * @return the same, to be closed when the test ends
     */
    <T extends AutoCloseable> T closeLater(final T c) {
        toClose.add(c);
        return c;
    }

    /** Closes one thing a test started before the test ends (a gateway it restarts). */
    void closeNow(final AutoCloseable c) throws Exception {
        toClose.remove(c);
        c.close();
    }

    /** Closes what the test started, newest first, then removes the run's sessions from the broker. */
    @Override
    public void close() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        purgeSessions();
    }

    void purgeSessions() throws Exception {
        for (final String id : clientIds) {
            final MqttClient c = new MqttClient(BROKER_URL, id, new MemoryPersistence());
            final MqttConnectionOptions o = new MqttConnectionOptions();
            o.setCleanStart(true);
            o.setSessionExpiryInterval(0L);
            c.connect(o);
            c.disconnect();
            c.close();
        }
    }
}
