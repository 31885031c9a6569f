// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.ingest.IngestLanes;
import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.ingest.PublishService;
import io.civicpulse.gateway.ingest.RejectionLedger;
import io.civicpulse.gateway.ingest.TestLaneProcessor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodeAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker's state machines on one connection at a time ({@link MqttWire}): QoS 2 in and out, topic aliases,
 * outbound flow control, and an oversized packet. Lab settings (anonymous clients, open ACL).
 */
class MqttBrokerHandlerTest {
    private static final MqttVersion V5 = MqttVersion.MQTT_5;

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<MqttWire> wires = new ArrayList<>();
    private ConnectService connects;
    private IngestLanes lanes;
    private Broker broker;
    private MqttServices services;

    @BeforeEach
    void startServices() throws Exception {
        connects = new ConnectService(MqttFixtures.registry(dir), 1, 16, AuthThrottle.off(), true);
        lanes = new IngestLanes(1, 64, Duration.ofMillis(20), i -> TestLaneProcessor.holding(), Clock.systemUTC(),
                meters);
        lanes.start();
        final GatewayConfig.Mqtt config = MqttFixtures.config(1000, 256, new GatewayConfig.Broker(2, 16,
                Duration.ZERO, true, true), MqttFixtures.SESSIONS, MqttFixtures.LIMITS);
        broker = new Broker(config, SessionStore.NONE, DeviceStatusListener.NONE, meters, System::currentTimeMillis);
        final AccessControl acl = new AccessControl(true);
        services = new MqttServices(config, connects, new PublishService(new NativeJsonPayloadDecoder(60_000), lanes,
                new RejectionLedger(10), Clock.systemUTC(), meters), broker, acl, new SubscriptionService(broker, acl,
                2), new SessionRegistry(), new Disconnector(meters), meters);
    }

    @AfterEach
    void stopServices() {
        wires.forEach(MqttWire::close);
        broker.close();
        lanes.close();
        connects.close();
    }

    private MqttWire client(final String id, final MqttProperties connectProps) {
        final MqttWire w = new MqttWire(services);
        wires.add(w);
        w.send(MqttMessageBuilders.connect().protocolVersion(V5).clientId(id).cleanSession(true)
                .properties(connectProps).build());
        assertThat(w.next(MqttConnAckMessage.class).variableHeader().connectReturnCode())
                .isEqualTo(MqttConnectReturnCode.CONNECTION_ACCEPTED);
        return w;
    }

    private MqttWire subscriber(final String id, final MqttQoS qos, final MqttProperties connectProps) {
        final MqttWire w = client(id, connectProps);
        w.send(MqttMessageBuilders.subscribe().messageId(1).addSubscription(qos, "lab/#").build());
        w.next(MqttSubAckMessage.class);
        return w;
    }

    private static MqttPublishMessage publish(final String topic, final MqttQoS qos, final int id,
                                              final boolean dup, final MqttProperties props) {
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, dup, qos, false, 0),
                new MqttPublishVariableHeader(topic, id, props), Unpooled.copiedBuffer("x", StandardCharsets.UTF_8));
    }

    private static MqttMessage reply(final MqttMessageType type, final int id) {
        return Packets.reply(type, id, (byte) 0, null);
    }

    private static int packetId(final MqttMessage m) {
        return ((MqttMessageIdVariableHeader) m.variableHeader()).messageId();
    }

    @Test
    void qos2Inbound_resentWithDup_isDeliveredOnce_andCompletedByPubrel() {
        // given a subscriber and a publisher
        final MqttWire sub = subscriber("sub", MqttQoS.AT_LEAST_ONCE, MqttProperties.NO_PROPERTIES);
        final MqttWire pub = client("pub", MqttProperties.NO_PROPERTIES);

        // when a QoS 2 PUBLISH arrives twice (the second a DUP resend) and is then released
        pub.send(publish("lab/a", MqttQoS.EXACTLY_ONCE, 5, false, MqttProperties.NO_PROPERTIES));
        final MqttMessage rec1 = pub.next();
        pub.send(publish("lab/a", MqttQoS.EXACTLY_ONCE, 5, true, MqttProperties.NO_PROPERTIES));
        final MqttMessage rec2 = pub.next();
        pub.send(reply(MqttMessageType.PUBREL, 5));

        // then PUBREC twice, PUBCOMP once, and one delivery
        assertThat(rec1.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        assertThat(rec2.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREC);
        final MqttMessage comp = pub.next();
        assertThat(comp.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBCOMP);
        assertThat(packetId(comp)).isEqualTo(5);
        assertThat(sub.next(MqttPublishMessage.class).variableHeader().topicName()).isEqualTo("lab/a");
        assertThat(sub.drain()).isEmpty();
    }

    @Test
    void qos2Outbound_pubrecIsAnsweredWithPubrel_andPubcompFreesTheWindow() {
        // given a QoS 2 subscriber with Receive Maximum 1
        final MqttProperties props = new MqttProperties();
        props.add(new MqttProperties.IntegerProperty(MqttProperties.RECEIVE_MAXIMUM, 1));
        final MqttWire sub = subscriber("sub2", MqttQoS.EXACTLY_ONCE, props);
        final MqttWire pub = client("pub2", MqttProperties.NO_PROPERTIES);

        // when two QoS 2 messages are published
        pub.send(publish("lab/1", MqttQoS.EXACTLY_ONCE, 1, false, MqttProperties.NO_PROPERTIES),
                publish("lab/2", MqttQoS.EXACTLY_ONCE, 2, false, MqttProperties.NO_PROPERTIES));

        // then only the first is sent until its exchange completes
        final MqttPublishMessage first = sub.next(MqttPublishMessage.class);
        assertThat(first.fixedHeader().qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
        assertThat(sub.drain()).isEmpty();
        sub.send(reply(MqttMessageType.PUBREC, first.variableHeader().packetId()));
        final MqttMessage rel = sub.next();
        assertThat(rel.fixedHeader().messageType()).isEqualTo(MqttMessageType.PUBREL);
        assertThat(sub.drain()).as("still waiting for PUBCOMP").isEmpty();
        sub.send(reply(MqttMessageType.PUBCOMP, first.variableHeader().packetId()));
        assertThat(sub.next(MqttPublishMessage.class).variableHeader().topicName()).isEqualTo("lab/2");
    }

    @Test
    void topicAlias_setThenUsed_resolvesToTheTopic_andOneAboveTheMaximumDisconnects() {
        // given
        final MqttWire sub = subscriber("sub3", MqttQoS.AT_MOST_ONCE, MqttProperties.NO_PROPERTIES);
        final MqttWire pub = client("pub3", MqttProperties.NO_PROPERTIES);
        final MqttProperties alias1 = new MqttProperties();
        alias1.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, 1));

        // when the alias is set, then used with an empty topic name
        pub.send(publish("lab/aliased", MqttQoS.AT_MOST_ONCE, 0, false, alias1));
        pub.send(publish("", MqttQoS.AT_MOST_ONCE, 0, false, alias1));

        // then both arrive on the topic, without the alias
        for (int i = 0; i < 2; i++) {
            final MqttPublishMessage m = sub.next(MqttPublishMessage.class);
            assertThat(m.variableHeader().topicName()).isEqualTo("lab/aliased");
            assertThat(m.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS)).isNull();
        }

        // when an alias above the advertised maximum (16) is used
        final MqttProperties alias17 = new MqttProperties();
        alias17.add(new MqttProperties.IntegerProperty(MqttProperties.TOPIC_ALIAS, 17));
        pub.send(publish("lab/x", MqttQoS.AT_MOST_ONCE, 0, false, alias17));

        // then DISCONNECT 0x94 topic alias invalid
        final MqttMessage d = pub.next();
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) d.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x94);
        pub.awaitClosed();
    }

    @Test
    void oversizedPacket_onlyItsHeaderSent_closesAtOnceWithoutWaitingForTheBody() {
        // given a 256-byte limit
        final MqttWire pub = client("big", MqttProperties.NO_PROPERTIES);

        // when only the fixed header of a 1 MB PUBLISH has arrived
        pub.sendBytes(Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0x80, (byte) 0x80, 0x40}));

        // then the gateway does not buffer 1 MB first: DISCONNECT 0x95 and close
        final MqttMessage d = pub.next();
        assertThat(((MqttReasonCodeAndPropertiesVariableHeader) d.variableHeader()).reasonCode())
                .isEqualTo((byte) 0x95);
        pub.awaitClosed();
    }
}
