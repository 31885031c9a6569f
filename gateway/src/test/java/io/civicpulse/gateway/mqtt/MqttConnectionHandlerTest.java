// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.ingest.IngestLanes;
import io.civicpulse.gateway.ingest.IngestResult;
import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.ingest.PublishService;
import io.civicpulse.gateway.ingest.RejectionLedger;
import io.civicpulse.gateway.ingest.TestLaneProcessor;
import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.registry.Registry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPubReplyMessageVariableHeader;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.civicpulse.gateway.mqtt.MqttFixtures.BIN;
import static io.civicpulse.gateway.mqtt.MqttFixtures.BIN_SECRET;
import static io.civicpulse.gateway.mqtt.MqttFixtures.BIN_TOPIC;
import static io.civicpulse.gateway.mqtt.MqttFixtures.CREW;
import static io.civicpulse.gateway.mqtt.MqttFixtures.CREW_BODY;
import static io.civicpulse.gateway.mqtt.MqttFixtures.CREW_SECRET;
import static io.civicpulse.gateway.mqtt.MqttFixtures.connect;
import static io.civicpulse.gateway.mqtt.MqttFixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One MQTT connection end to end on {@link io.netty.channel.embedded.EmbeddedChannel}s: the production codec and
 * handler, real connect, publish and subscription services, real lanes with a processor the test completes.
 */
class MqttConnectionHandlerTest {
    private static final MqttVersion V311 = MqttVersion.MQTT_3_1_1;
    private static final MqttVersion V5 = MqttVersion.MQTT_5;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestLaneProcessor lane = TestLaneProcessor.holding();
    private final RejectionLedger ledger = new RejectionLedger(100);
    private final SessionRegistry sessions = new SessionRegistry();
    private final List<Broker> brokers = new ArrayList<>();
    private SubscriptionService subscriptions;
    private final List<MqttWire> wires = new ArrayList<>();
    private Registry registry;
    private ConnectService connects;
    private IngestLanes lanes;
    private MqttServices services;

    @BeforeEach
    void startServices() throws Exception {
        registry = MqttFixtures.registry(dir);
        connects = new ConnectService(registry, 2, 16);
        // A short tick: close() waits for the lane's poll to time out.
        lanes = new IngestLanes(1, 64, Duration.ofMillis(20), i -> lane, Clock.systemUTC(), meters);
        lanes.start();
        services = services(MqttFixtures.CONFIG);
    }

    @AfterEach
    void stopServices() {
        wires.forEach(MqttWire::close);
        brokers.forEach(Broker::close);
        lanes.close();
        connects.close();
    }

    private MqttServices services(final GatewayConfig.Mqtt config) {
        final PublishService publishes = new PublishService(
                new NativeJsonPayloadDecoder(config.maxFutureSkew().toMillis()), lanes, ledger, Clock.systemUTC(),
                meters);
        final Broker broker = new Broker(config, SessionStore.NONE, DeviceStatusListener.NONE, meters,
                System::currentTimeMillis);
        brokers.add(broker);
        final AccessControl acl = new AccessControl(config.broker().openAcl());
        subscriptions = new SubscriptionService(broker, acl, config.broker().maximumQos());
        return new MqttServices(config, connects, publishes, broker, acl, subscriptions, sessions,
                new Disconnector(meters), meters);
    }

    private MqttWire wire() {
        return wire(services);
    }

    private MqttWire wire(final MqttServices s) {
        final MqttWire w = new MqttWire(s);
        wires.add(w);
        return w;
    }

    /** @return a connection on which bin-001 is connected */
    private MqttWire connectedDevice(final MqttVersion version) {
        final MqttWire w = wire();
        w.send(connect(version, BIN, BIN, BIN_SECRET, 0));
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return w;
    }

    /** @return a connection on which the lighting crew is connected */
    private MqttWire connectedCrew(final MqttVersion version) {
        final MqttWire w = wire();
        w.send(connect(version, "crew-phone-1", CREW, CREW_SECRET, 0));
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return w;
    }

    private static MqttPublishMessage publish(final String topic, final MqttQoS qos, final int packetId,
                                              final String payload) {
        return MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false).messageId(packetId)
                .payload(Unpooled.copiedBuffer(payload, StandardCharsets.UTF_8)).build();
    }

    private static int packetId(final MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    private static byte reasonCode(final MqttMessage pubAck) {
        return pubAck.variableHeader() instanceof MqttPubReplyMessageVariableHeader h ? h.reasonCode() : 0;
    }

    private static Object reasonString(final MqttProperties properties) {
        final MqttProperties.MqttProperty<?> p =
                properties.getProperty(MqttProperties.MqttPropertyType.REASON_STRING.value());
        return p == null ? null : p.value();
    }

    private double connects(final ConnectOutcome outcome) {
        return meters.counter(GatewayMetrics.MQTT_CONNECTS, "outcome", outcome.tag()).count();
    }

    // --- CONNECT ---------------------------------------------------------------------------------------------

    @Test
    void connect_deviceOnMqtt311_isAccepted() {
        // given
        final MqttWire w = wire();

        // when
        w.send(connect(V311, BIN, BIN, BIN_SECRET, 0));

        // then
        final MqttConnAckMessage ack = w.next(MqttConnAckMessage.class);
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(ack.variableHeader().isSessionPresent()).isFalse();
        assertThat(w.isOpen()).isTrue();
        assertThat(sessions.size()).isEqualTo(1);
        assertThat(connects(ConnectOutcome.ACCEPTED)).isEqualTo(1);
    }

    @Test
    void connect_deviceOnMqtt5_connackCarriesTheLimits() {
        // given
        final MqttWire w = wire();

        // when
        w.send(connect(V5, BIN, BIN, BIN_SECRET, 0));

        // then
        final MqttConnAckMessage ack = w.next(MqttConnAckMessage.class);
        assertThat(ack.variableHeader().connectReturnCode()).isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        final MqttProperties p = ack.variableHeader().properties();
        final Object receiveMaximum = p.getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value()).value();
        assertThat((Integer) receiveMaximum).isEqualTo(1000).isLessThanOrEqualTo(32_767);
        // QoS 2 is supported now: MQTT 5 §3.2.2.3.4 says Maximum QoS is then left out (absent means 2).
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.MAXIMUM_QOS.value())).isNull();
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value()).value())
                .isEqualTo(1);
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.TOPIC_ALIAS_MAXIMUM.value()).value())
                .isEqualTo(16);
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.MAXIMUM_PACKET_SIZE.value()).value())
                .isEqualTo(65_536);
        assertThat(w.isOpen()).isTrue();
    }

    @Test
    void connect_largestReceiveMaximum_isAdvertisedAsConfigured() {
        // given the largest value the configuration allows (Paho reads it as a signed short)
        final MqttWire w = wire(services(MqttFixtures.config(32_767, 65_536)));

        // when
        w.send(connect(V5, BIN, BIN, BIN_SECRET, 0));

        // then
        final MqttProperties p = w.next(MqttConnAckMessage.class).variableHeader().properties();
        assertThat(p.getProperty(MqttProperties.MqttPropertyType.RECEIVE_MAXIMUM.value()).value()).isEqualTo(32_767);
    }

    @Test
    void connect_crewWithAnyClientId_isAccepted() {
        // given
        final MqttWire w = wire();

        // when
        w.send(connect(V311, "any-phone", CREW, CREW_SECRET, 0));

        // then
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            MQTT_3_1_1 | bin-001 | bin-001 | guess-123   | 4
            MQTT_5     | bin-001 | bin-001 | guess-123   | 134
            MQTT_3_1_1 | bin-999 | bin-999 | bin-secret  | 2
            MQTT_5     | bin-999 | bin-999 | bin-secret  | 133
            MQTT_3_1_1 | bin-001 | other   | bin-secret  | 4
            MQTT_5     | bin-001 | other   | bin-secret  | 134
            """)
    void connect_refused_connackCodeThenClose(final MqttVersion version, final String clientId, final String user,
                                              final String password, final int code) {
        // given
        final MqttWire w = wire();

        // when
        w.send(connect(version, clientId, user, password, 0));

        // then
        final MqttConnAckMessage ack = w.next(MqttConnAckMessage.class);
        assertThat(ack.variableHeader().connectReturnCode().byteValue() & 0xFF).isEqualTo(code);
        w.awaitClosed();
        assertThat(sessions.size()).isZero();
        if (version == V5) {
            assertThat(reasonString(ack.variableHeader().properties())).asString().isNotBlank()
                    .doesNotContain(password);
        }
    }

    @Test
    void connect_emptyPassword_isBadCredentials() {
        // given
        final MqttWire w = wire();

        // when
        w.send(connect(V311, BIN, BIN, "", 0));

        // then
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        w.awaitClosed();
        assertThat(connects(ConnectOutcome.BAD_CREDENTIALS)).isEqualTo(1);
    }

    @Test
    void connect_mqtt31_isRefusedWithCode1ThenClosed() {
        // given an MQTT 3.1 client ("MQIsdp", protocol level 3)
        final MqttWire w = wire();

        // when
        w.send(connect(MqttVersion.MQTT_3_1, BIN, BIN, BIN_SECRET, 0));

        // then
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION);
        w.awaitClosed();
        assertThat(connects(ConnectOutcome.UNSUPPORTED_PROTOCOL)).isEqualTo(1);
    }

    @Test
    void connect_unknownProtocolLevel_isRefusedWithCode1ThenClosed() {
        // given a CONNECT that says "MQTT" with protocol level 6
        final MqttWire w = wire();
        final ByteBuf bytes = w.encode(connect(V311, BIN, BIN, BIN_SECRET, 0));
        // fixed header (2) + protocol name length (2) + "MQTT" (4): the level byte is at index 8
        assertThat(bytes.getByte(8)).isEqualTo((byte) 4);
        bytes.setByte(8, 6);

        // when
        w.sendBytes(bytes);

        // then
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode().byteValue())
                .isEqualTo((byte) 1);
        w.awaitClosed();
    }

    @Test
    void connect_secondConnect_closesTheConnection() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.send(connect(V311, BIN, BIN, BIN_SECRET, 0));

        // then
        w.awaitClosed();
        assertThat(meters.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", "protocol_error").count()).isEqualTo(1);
    }

    @Test
    void connect_silentSocket_isClosedAfterTheConnectTimeout() {
        // given a connection that sends nothing
        final MqttWire w = wire();
        w.gateway.freezeTime();
        w.gateway.advanceTimeBy(9_000, TimeUnit.MILLISECONDS);
        w.pump();
        assertThat(w.isOpen()).as("open until the timeout").isTrue();

        // when
        w.gateway.advanceTimeBy(1_100, TimeUnit.MILLISECONDS);

        // then
        w.awaitClosed();
        assertThat(w.drain()).isEmpty();
        assertThat(meters.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", "connect_timeout").count()).isEqualTo(1);
    }

    @Test
    void connect_accepted_cancelsTheConnectTimeout() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.gateway.advanceTimeBy(11, TimeUnit.SECONDS);
        w.pump();

        // then
        assertThat(w.isOpen()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void connect_sameClientIdAgain_closesTheOlderConnection(final MqttVersion version) {
        // given
        final MqttWire older = connectedDevice(version);

        // when
        final MqttWire newer = connectedDevice(version);

        // then
        older.awaitClosed();
        assertThat(newer.isOpen()).isTrue();
        assertThat(sessions.size()).isEqualTo(1);
        if (version == V5) {
            final MqttMessage disconnect = older.next();
            assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
            assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                    .isEqualTo((byte) 0x8E);
        } else {
            assertThat(older.drain()).isEmpty();
        }
    }

    @Test
    void connect_twoCrewsWithEmptyClientIds_bothStayConnected() {
        // given MQTT 3.1.1 §3.1.3-6: a zero-byte client id (clean session) is treated as a fresh, unique one
        final MqttWire lighting = wire();
        lighting.send(connect(V311, "", CREW, CREW_SECRET, 0));
        assertThat(lighting.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);

        // when a second crew app connects the same way
        final MqttWire sanitation = wire();
        sanitation.send(connect(V311, "", MqttFixtures.OTHER_CREW, "other-secret", 0));

        // then
        assertThat(sanitation.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        lighting.pump();
        assertThat(lighting.isOpen()).as("the first crew must not be taken over").isTrue();
        assertThat(meters.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", "takeover").count()).isZero();
    }

    @Test
    void connect_crewUsingADevicesClientId_leavesTheDeviceConnected() {
        // given a connected device
        final MqttWire device = connectedDevice(V311);

        // when a crew account connects with that device's id as its client id
        final MqttWire crew = wire();
        crew.send(connect(V311, BIN, CREW, CREW_SECRET, 0));
        crew.next(MqttConnAckMessage.class);

        // then crew credentials must not be a way to knock devices offline
        device.pump();
        assertThat(device.isOpen()).isTrue();
    }

    @Test
    void exceptionInThePipeline_closesThatConnection() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.gateway.pipeline().fireExceptionCaught(new IllegalStateException("test: a bug in a handler"));

        // then the exception handler at the end of the pipeline closes it
        w.awaitClosed();
    }

    @Test
    void connect_furtherPacketsRightAfterConnect_areProcessedOnceAccepted() {
        // given MQTT 3.1.1 §3.1.4 / MQTT 5 §3.1.4: "Clients are allowed to send further Control Packets
        // immediately after sending a CONNECT packet; Clients need not wait for a CONNACK"
        final MqttWire w = wire();

        // when CONNECT and PINGREQ arrive in the same read
        w.send(connect(V311, BIN, BIN, BIN_SECRET, 0), MqttMessage.PINGREQ);

        // then
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        assertThat(w.next().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        assertThat(w.isOpen()).isTrue();
    }

    // --- before CONNECT, PINGREQ, malformed input, keep alive ----------------------------------------------------

    @Test
    void publish_beforeConnect_closesTheConnection() {
        // given
        final MqttWire w = wire();

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 1, reading()));

        // then
        w.awaitClosed();
        assertThat(w.drain()).isEmpty();
        assertThat(lane.processed()).isEmpty();
    }

    @Test
    void pingreq_connected_isAnsweredWithPingresp() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.send(MqttMessage.PINGREQ);

        // then
        assertThat(w.next().fixedHeader().messageType()).isEqualTo(MqttMessageType.PINGRESP);
        assertThat(w.isOpen()).isTrue();
    }

    @Test
    void malformedBytes_beforeConnect_closeTheConnection() {
        // given
        final MqttWire w = wire();

        // when packet type 0 (reserved)
        w.sendBytes(Unpooled.wrappedBuffer(new byte[] {0x00, 0x00}));

        // then
        w.awaitClosed();
        assertThat(meters.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", "malformed_packet").count()).isEqualTo(1);
    }

    @Test
    void malformedBytes_afterConnect_closeTheConnection() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when a remaining length longer than four bytes
        w.sendBytes(Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            0x01}));

        // then
        w.awaitClosed();
    }

    @Test
    void publish_largerThanMaxPacketBytes_closesWithPacketTooLarge() {
        // given a 200-byte limit and an MQTT 5 device
        final MqttWire w = wire(services(MqttFixtures.config(1000, 200)));
        w.send(connect(V5, BIN, BIN, BIN_SECRET, 0));
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 1, "{\"pad\": \"" + "x".repeat(400) + "\"}"));

        // then
        final MqttMessage disconnect = w.next();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x95);
        w.awaitClosed();
        assertThat(lane.processed()).isEmpty();
    }

    @Test
    void keepAlive_silentClient_isClosedAfterOneAndAHalfPeriods() {
        // given a device with keep alive 2 s
        final MqttWire w = wire();
        w.gateway.freezeTime();
        w.send(connect(V311, BIN, BIN, BIN_SECRET, 2));
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        w.gateway.advanceTimeBy(2_900, TimeUnit.MILLISECONDS);
        w.pump();
        assertThat(w.isOpen()).as("open within 1.5 x keep alive").isTrue();

        // when
        w.gateway.advanceTimeBy(200, TimeUnit.MILLISECONDS);

        // then
        w.awaitClosed();
        assertThat(meters.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", "keepalive").count()).isEqualTo(1);
    }

    @Test
    void disconnect_fromClient_closesAndForgetsTheSession() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.send(MqttMessage.DISCONNECT);

        // then
        w.awaitClosed();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void gatewayClose_afterConnect_forgetsTheSession() {
        // given a connected device (QoS 2 is supported now, so a second CONNECT makes the gateway close instead)
        final MqttWire w = connectedDevice(V311);

        // when the gateway closes it
        w.send(connect(V311, BIN, BIN, BIN_SECRET, 0));

        // then the closed connection must not stay registered as bin-001's session
        w.awaitClosed();
        assertThat(meters.counter(GatewayMetrics.MQTT_DISCONNECTS, "reason", "protocol_error").count())
                .isEqualTo(1);
        assertThat(sessions.size()).isZero();
    }

    // --- PUBLISH -------------------------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1_1", "MQTT_5"})
    void publish_qos1Reading_isAcknowledgedOnlyAfterTheLaneCompletes(final MqttVersion version) throws Exception {
        // given
        final MqttWire w = connectedDevice(version);

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 7, reading()));

        // then no PUBACK while the lane holds the reading
        await().atMost(Duration.ofSeconds(10)).until(() -> lane.heldCount() == 1);
        assertThat(w.drain()).isEmpty();

        // when the lane stores it
        lane.completeNext(IngestResult.ACCEPTED);

        // then
        final MqttMessage ack = w.next();
        assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(packetId(ack)).isEqualTo(7);
        assertThat(reasonCode(ack)).isZero();
        assertThat(lane.processed()).singleElement().satisfies(r -> {
            assertThat(r.getDeviceId()).isEqualTo(BIN);
            assertThat(r.getMetrics()).containsEntry("fill_pct", 42.0);
        });
    }

    @Test
    void publish_qos0Reading_reachesTheLaneWithoutAck() throws Exception {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_MOST_ONCE, 0, reading()));
        lane.completeNext(IngestResult.ACCEPTED);

        // then
        assertThat(w.drain()).isEmpty();
        assertThat(lane.processed()).hasSize(1);
    }

    @Test
    void publish_refusalBehindAPendingReading_isAcknowledgedInArrivalOrder() throws Exception {
        // given a valid reading the lane still holds, then an invalid one that is refused at once
        final MqttWire w = connectedDevice(V5);
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 1, reading()));
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 2, "not json"));
        await().atMost(Duration.ofSeconds(10)).until(() -> lane.heldCount() == 1);
        assertThat(w.drain()).as("the refusal waits for the earlier PUBACK").isEmpty();

        // when
        lane.completeNext(IngestResult.ACCEPTED);

        // then
        final MqttMessage first = w.next();
        final MqttMessage second = w.next();
        assertThat(packetId(first)).isEqualTo(1);
        assertThat(reasonCode(first)).isZero();
        assertThat(packetId(second)).isEqualTo(2);
        assertThat(reasonCode(second)).isEqualTo((byte) 0x99);
    }

    @Test
    void publish_invalidPayloadOnMqtt5_pubackPayloadFormatInvalidWithReason() {
        // given
        final MqttWire w = connectedDevice(V5);

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 3, "{\"metrics\": {\"fill_pct\": 1}}"));

        // then
        final MqttMessage ack = w.next();
        assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(packetId(ack)).isEqualTo(3);
        final MqttPubReplyMessageVariableHeader h = (MqttPubReplyMessageVariableHeader) ack.variableHeader();
        assertThat(h.reasonCode()).isEqualTo((byte) 0x99);
        assertThat(reasonString(h.properties())).isEqualTo("ts is missing");
        assertThat(w.isOpen()).isTrue();
    }

    @Test
    void publish_invalidPayloadOnMqtt311_plainPubackAndLedgered() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 3, "{\"metrics\": {\"fill_pct\": 1}}"));

        // then 3.1.1 has no negative ack: acknowledged (or the device resends forever) and recorded
        final MqttMessage ack = w.next();
        assertThat(ack.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBACK);
        assertThat(packetId(ack)).isEqualTo(3);
        assertThat(reasonCode(ack)).isZero();
        if (ack.variableHeader() instanceof MqttPubReplyMessageVariableHeader h) {
            assertThat(reasonString(h.properties())).isNull();
        }
        assertThat(ledger.recent(1)).singleElement().satisfies(r -> {
            assertThat(r.clientId()).isEqualTo(BIN);
            assertThat(r.reason()).isEqualTo("ts is missing");
        });
        assertThat(w.isOpen()).isTrue();
    }

    @Test
    void publish_anotherDevicesTopicOnMqtt5_pubackNotAuthorized() {
        // given
        final MqttWire w = connectedDevice(V5);

        // when
        w.send(publish("cp/lakeside/streetlight/sl-001/telemetry", MqttQoS.AT_LEAST_ONCE, 4, reading()));

        // then
        final MqttMessage ack = w.next();
        assertThat(reasonCode(ack)).isEqualTo((byte) 0x87);
        assertThat(reasonString(((MqttPubReplyMessageVariableHeader) ack.variableHeader()).properties()))
                .asString().contains(BIN_TOPIC);
        assertThat(lane.processed()).isEmpty();
    }

    @Test
    void publish_moreUnackedThanReceiveMaximum_closesTheConnection() {
        // given Receive Maximum 2 and two readings the lane still holds
        final MqttWire w = wire(services(MqttFixtures.config(2, 65_536)));
        w.send(connect(V5, BIN, BIN, BIN_SECRET, 0));
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 1, reading()));
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 2, reading()));

        // when
        w.send(publish(BIN_TOPIC, MqttQoS.AT_LEAST_ONCE, 3, reading()));

        // then
        final MqttMessage disconnect = w.next();
        assertThat(disconnect.fixedHeader().messageType()).isEqualTo(MqttMessageType.DISCONNECT);
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) disconnect.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x93);
        w.awaitClosed();
    }

    // --- SUBSCRIBE -----------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MQTT_3_1_1 | 128
            MQTT_5     | 135
            """)
    void subscribe_allowedAndDenied_subackCodesPerFilter(final MqttVersion version, final int denied) {
        // given
        final MqttWire w = connectedCrew(version);

        // when
        w.send(MqttMessageBuilders.subscribe().messageId(9)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/+/alerts/" + CREW_BODY)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/#")
                .addSubscription(MqttQoS.AT_MOST_ONCE, "cp/lakeside/alerts/" + CREW_BODY)
                .addSubscription(MqttQoS.EXACTLY_ONCE, "cp/riverside/alerts/" + CREW_BODY)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/+/alerts/sanitation-contractor")
                .build());

        // then
        final MqttSubAckMessage ack = w.next(MqttSubAckMessage.class);
        assertThat(ack.variableHeader().messageId()).isEqualTo(9);
        // QoS 2 is granted now (it was downgraded to 1 before QoS 2 was supported)
        assertThat(ack.payload().reasonCodes()).containsExactly(1, denied, 0, 2, denied);
        assertThat(w.isOpen()).isTrue();
    }

    @Test
    void subscribe_deviceToItsCommandTopic_isGranted() {
        // given
        final MqttWire w = connectedDevice(V311);

        // when
        w.send(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/lakeside/bin/bin-001/cmd")
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/+/alerts/" + CREW_BODY)
                .build());

        // then
        assertThat(w.next(MqttSubAckMessage.class).payload().reasonCodes()).containsExactly(1, 128);
    }

    @Test
    void subscribe_granted_receivesAlertsPublishedByTheGateway() {
        // given a subscribed crew
        final MqttWire w = connectedCrew(V5);
        w.send(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/+/alerts/" + CREW_BODY).build());
        w.next(MqttSubAckMessage.class);

        // when
        final int sent = subscriptions.publish("cp/lakeside/alerts/" + CREW_BODY,
                "{\"issue\": 12}".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(sent).isEqualTo(1);
        final MqttPublishMessage alert = w.next(MqttPublishMessage.class);
        assertThat(alert.variableHeader().topicName()).isEqualTo("cp/lakeside/alerts/" + CREW_BODY);
        assertThat(alert.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
        assertThat(alert.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{\"issue\": 12}");
    }

    @Test
    void unsubscribe_existingAndMissing_unsubackReasonCodes() {
        // given
        final MqttWire w = connectedCrew(V5);
        w.send(MqttMessageBuilders.subscribe().messageId(1)
                .addSubscription(MqttQoS.AT_LEAST_ONCE, "cp/+/alerts/" + CREW_BODY).build());
        w.next(MqttSubAckMessage.class);

        // when
        w.send(MqttMessageBuilders.unsubscribe().messageId(2).addTopicFilter("cp/+/alerts/" + CREW_BODY)
                .addTopicFilter("cp/+/alerts/nothing").build());

        // then
        final MqttUnsubAckMessage ack = w.next(MqttUnsubAckMessage.class);
        assertThat(ack.payload().unsubscribeReasonCodes()).containsExactly((short) 0x00, (short) 0x11);
        assertThat(subscriptions.publish("cp/lakeside/alerts/" + CREW_BODY, new byte[] {1})).isZero();
    }
}
