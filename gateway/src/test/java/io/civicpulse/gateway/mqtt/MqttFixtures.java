// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.ConfigException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A small registry (two devices, two crews) with cost-4 bcrypt hashes, and MQTT packets to send. */
final class MqttFixtures {
    static final String BIN = "bin-001";
    static final String BIN_SECRET = "bin-secret";
    static final String BIN_TOPIC = "cp/lakeside/bin/bin-001/telemetry";
    static final String LAMP = "sl-001";
    static final String LAMP_SECRET = "lamp-secret";
    static final String CREW = "lighting-crew";
    static final String CREW_SECRET = "crew-secret";
    static final String CREW_BODY = "district-lighting";
    static final String OTHER_CREW = "sanitation-crew";


    private MqttFixtures() {
    }

    /** The defaults of config/gateway.yaml for the broker settings. */
    static final GatewayConfig.Broker BROKER = new GatewayConfig.Broker(2, 16, Duration.ZERO, false, false);
    static final GatewayConfig.Sessions SESSIONS = new GatewayConfig.Sessions(Duration.ofDays(7), 1000,
            Duration.ofMillis(200));
    static final GatewayConfig.Limits LIMITS = new GatewayConfig.Limits(10_000, 0, 100, 5, Duration.ofMinutes(1),
            Duration.ofMinutes(1), 100);
    static final GatewayConfig.Tls NO_TLS = new GatewayConfig.Tls(false, 8883, null, null, null, false);
    /** Listener settings of the tests: 10 s connect timeout, Receive Maximum 1000. */
    static final GatewayConfig.Mqtt CONFIG = config(1000, 65_536);

    static GatewayConfig.Mqtt config(final int receiveMaximum, final int maxPacketBytes) {
        return config(receiveMaximum, maxPacketBytes, BROKER, SESSIONS, LIMITS);
    }

    static GatewayConfig.Mqtt config(final int receiveMaximum, final int maxPacketBytes,
                                     final GatewayConfig.Broker broker, final GatewayConfig.Sessions sessions,
                                     final GatewayConfig.Limits limits) {
        return new GatewayConfig.Mqtt("127.0.0.1", 0, maxPacketBytes, 64, Duration.ofSeconds(10), receiveMaximum,
                Duration.ofMinutes(5), broker, sessions, limits, NO_TLS);
    }

    private static String hash(final String secret) {
        return BCrypt.hashpw(secret, BCrypt.gensalt(4));
    }

    /**
     * @param dir a folder for devices.yaml and crews.yaml
     * @return the registry
     * @throws IOException     if the files cannot be written
     * @throws ConfigException if the fixture is invalid
     */
    static Registry registry(final Path dir) throws IOException, ConfigException {
        final Path devices = Files.writeString(dir.resolve("devices.yaml"), """
                devices:
                  - {id: bin-001, type: bin, community: lakeside, passwordHash: "%s", intervalSeconds: 60}
                  - {id: sl-001, type: streetlight, community: lakeside, passwordHash: "%s"}
                """.formatted(hash(BIN_SECRET), hash(LAMP_SECRET)));
        final Path crews = Files.writeString(dir.resolve("crews.yaml"), """
                accounts:
                  - {username: lighting-crew, passwordHash: "%s", body: district-lighting}
                  - {username: sanitation-crew, passwordHash: "%s", body: sanitation-contractor}
                """.formatted(hash(CREW_SECRET), hash("other-secret")));
        return RegistryLoader.load(devices, crews);
    }

    /**
     * @return a CONNECT with clean session, no will, keep alive {@code keepAlive}; null user or password are left out
     */
    static MqttConnectMessage connect(final MqttVersion version, final String clientId, final String user,
                                      final String password, final int keepAlive) {
        final MqttMessageBuilders.ConnectBuilder b = MqttMessageBuilders.connect().protocolVersion(version)
                .clientId(clientId).cleanSession(true).keepAlive(keepAlive);
        if (user != null) {
            b.hasUser(true).username(user);
        }
        if (password != null) {
            b.hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** @return a valid reading payload stamped now */
    static String reading() {
        return "{\"ts\": " + System.currentTimeMillis() + ", \"metrics\": {\"fill_pct\": 42.0}}";
    }
}
