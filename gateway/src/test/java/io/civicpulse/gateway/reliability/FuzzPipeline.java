// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.ingest.IngestLanes;
import io.civicpulse.gateway.ingest.IngestResult;
import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.ingest.PublishService;
import io.civicpulse.gateway.ingest.RejectionLedger;
import io.civicpulse.gateway.ingest.TestLaneProcessor;
import io.civicpulse.gateway.mqtt.AccessControl;
import io.civicpulse.gateway.mqtt.Broker;
import io.civicpulse.gateway.mqtt.ConnectService;
import io.civicpulse.gateway.mqtt.DeviceStatusListener;
import io.civicpulse.gateway.mqtt.Disconnector;
import io.civicpulse.gateway.mqtt.MqttConnectionHandler;
import io.civicpulse.gateway.mqtt.MqttFrameGuard;
import io.civicpulse.gateway.mqtt.MqttServices;
import io.civicpulse.gateway.mqtt.SessionRegistry;
import io.civicpulse.gateway.mqtt.SessionStore;
import io.civicpulse.gateway.mqtt.SubscriptionService;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * The gateway's first handlers in process, on {@link EmbeddedChannel}s, with real connect, publish and subscription
 * services behind them (one device {@code bin-001} / {@code bin-secret}, readings accepted at once by the lane).
 * Unlike production, no exception handler ends the pipeline: whatever escapes the handlers reaches the channel's
 * tail, where {@link EmbeddedChannel#checkException()} finds it.
 */
final class FuzzPipeline implements AutoCloseable {
    static final String DEVICE = "bin-001";
    static final String SECRET = "bin-secret";
    static final int MAX_PACKET_BYTES = 4096;

    private final IngestLanes lanes;
    private final ConnectService connects;
    private final Broker broker;
    private final MqttServices services;
    private final Path dir;

    FuzzPipeline() throws Exception {
        dir = Files.createTempDirectory("fuzz-registry");
        final Path devices = Files.writeString(dir.resolve("devices.yaml"), """
                devices:
                  - {id: bin-001, type: bin, community: lakeside, passwordHash: "%s"}
                """.formatted(BCrypt.hashpw(SECRET, BCrypt.gensalt(4))));
        final Path crews = Files.writeString(dir.resolve("crews.yaml"), "accounts: []\n");
        final Registry registry = RegistryLoader.load(devices, crews);
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final GatewayConfig.Mqtt config = new GatewayConfig.Mqtt("127.0.0.1", 0, MAX_PACKET_BYTES, 64,
                Duration.ofSeconds(10), 100, Duration.ofMinutes(5),
                new GatewayConfig.Broker(2, 16, Duration.ZERO, false, false),
                new GatewayConfig.Sessions(Duration.ofDays(1), 100, Duration.ofMillis(200)),
                new GatewayConfig.Limits(100, 0, 100, 1_000_000, Duration.ofMinutes(1), Duration.ofMinutes(1), 100),
                new GatewayConfig.Tls(false, 8883, null, null, null, false));
        connects = new ConnectService(registry, 1, 64);
        lanes = new IngestLanes(1, 1024, Duration.ofMillis(20), i -> TestLaneProcessor.completing(
                IngestResult.ACCEPTED), Clock.systemUTC(), meters);
        lanes.start();
        final PublishService publishes = new PublishService(new NativeJsonPayloadDecoder(
                config.maxFutureSkew().toMillis()), lanes, new RejectionLedger(100), Clock.systemUTC(), meters);
        broker = new Broker(config, SessionStore.NONE, DeviceStatusListener.NONE, meters, System::currentTimeMillis);
        final AccessControl acl = new AccessControl(false);
        services = new MqttServices(config, connects, publishes, broker, acl,
                new SubscriptionService(broker, acl, 2), new SessionRegistry(), new Disconnector(meters), meters);
    }

    /** @return a new connection with the production handlers except the final exception handler */
    EmbeddedChannel channel() {
        return new EmbeddedChannel(new MqttFrameGuard(MAX_PACKET_BYTES), new MqttDecoder(MAX_PACKET_BYTES, 64),
                MqttEncoder.INSTANCE, new MqttConnectionHandler(services));
    }

    @Override
    public void close() throws Exception {
        broker.close();
        lanes.close();
        connects.close();
        try (var files = Files.list(dir)) {
            for (final Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(dir);
    }
}
