// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.registry.CrewAccount;
import io.civicpulse.gateway.registry.Device;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.ReferenceCountUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may subscribe to what, and delivery of alerts to matching subscribers. */
class SubscriptionServiceTest {
    private static final String HASH = "$2a$04$0TrUDblziYbbiJdWfuVmM.BqLHT7VrWKpIJhySxCCf14efRJ8yF.u";
    private static final ClientIdentity CREW = new ClientIdentity.CrewClient(
            new CrewAccount("lighting-crew", HASH, "district-lighting"));
    private static final ClientIdentity DEVICE = new ClientIdentity.DeviceClient(
            new Device("bin-001", "bin", "lakeside", HASH, 60, Double.NaN, Double.NaN, "", ""));
    private static final byte[] ALERT = "{\"issue\": 1}".getBytes(StandardCharsets.UTF_8);

    private final SubscriptionService service = new SubscriptionService();
    private final List<EmbeddedChannel> channels = new ArrayList<>();
    private final List<MqttPublishMessage> received = new ArrayList<>();

    private EmbeddedChannel subscriber() {
        final EmbeddedChannel ch = new EmbeddedChannel();
        channels.add(ch);
        return ch;
    }

    /** @return every PUBLISH written to the channel since the last call; released after the test */
    private List<MqttPublishMessage> publishesTo(final EmbeddedChannel ch) {
        final List<MqttPublishMessage> out = new ArrayList<>();
        for (Object m = ch.readOutbound(); m != null; m = ch.readOutbound()) {
            final MqttPublishMessage p = (MqttPublishMessage) m;
            received.add(p);
            out.add(p);
        }
        return out;
    }

    @AfterEach
    void releaseEverything() {
        received.forEach(ReferenceCountUtil::release);
        assertThat(received).allSatisfy(p -> assertThat(p.refCnt()).isZero());
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cp/+/alerts/district-lighting         | true
            cp/lakeside/alerts/district-lighting  | true
            cp/lakeside/alerts/sanitation         | false
            cp/+/alerts/+                         | false
            cp/+/alerts/#                         | false
            cp/lakeside/alerts/district-lighting/# | false
            cp/#                                  | false
            #                                     | false
            +/+/+/+                               | false
            cp//alerts/district-lighting          | false
            x/+/alerts/district-lighting          | false
            cp/+/alert/district-lighting          | false
            cp/lake#/alerts/district-lighting     | false
            cp/lakeside/bin/bin-001/telemetry     | false
            cp/lakeside/bin/bin-001/cmd           | false
            ""                                    | false
            """)
    void mayRead_crew_onlyItsBodysAlertTopic(final String filter, final boolean expected) {
        // given a crew of district-lighting
        // when
        final boolean allowed = service.mayRead(CREW, filter);

        // then
        assertThat(allowed).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            cp/lakeside/bin/bin-001/cmd            | true
            cp/lakeside/bin/bin-002/cmd            | false
            cp/+/bin/bin-001/cmd                   | false
            cp/lakeside/+/bin-001/cmd              | false
            cp/lakeside/bin/bin-001/#              | false
            cp/lakeside/bin/bin-001/+              | false
            cp/lakeside/bin/bin-001/telemetry      | false
            cp/riverside/bin/bin-001/cmd           | false
            cp/lakeside/gate/bin-001/cmd           | false
            cp/+/alerts/district-lighting          | false
            #                                      | false
            """)
    void mayRead_device_onlyItsOwnCommandTopic(final String filter, final boolean expected) {
        // given device bin-001 of lakeside
        // when
        final boolean allowed = service.mayRead(DEVICE, filter);

        // then
        assertThat(allowed).isEqualTo(expected);
    }

    @Test
    void publish_matchingSubscribers_receiveTheAlertAtTheGrantedQos() {
        // given one subscriber per filter style and one that does not match
        final EmbeddedChannel anyCommunity = subscriber();
        final EmbeddedChannel oneCommunity = subscriber();
        final EmbeddedChannel otherBody = subscriber();
        service.subscribe(anyCommunity, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);
        service.subscribe(oneCommunity, "cp/lakeside/alerts/district-lighting", MqttQoS.AT_MOST_ONCE);
        service.subscribe(otherBody, "cp/+/alerts/sanitation", MqttQoS.AT_LEAST_ONCE);

        // when
        final int sent = service.publish("cp/lakeside/alerts/district-lighting", ALERT);

        // then
        assertThat(sent).isEqualTo(2);
        assertThat(publishesTo(anyCommunity)).singleElement().satisfies(p -> {
            assertThat(p.variableHeader().topicName()).isEqualTo("cp/lakeside/alerts/district-lighting");
            assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE);
            assertThat(p.variableHeader().packetId()).isEqualTo(1);
            assertThat(p.fixedHeader().isRetain()).isFalse();
            assertThat(p.payload().toString(StandardCharsets.UTF_8)).isEqualTo("{\"issue\": 1}");
        });
        assertThat(publishesTo(oneCommunity)).singleElement()
                .satisfies(p -> assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_MOST_ONCE));
        assertThat(publishesTo(otherBody)).isEmpty();
    }

    @Test
    void publish_overlappingSubscriptions_deliverOnceAtTheHighestQos() {
        // given
        final EmbeddedChannel ch = subscriber();
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.AT_MOST_ONCE);
        service.subscribe(ch, "cp/lakeside/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);

        // when
        final int sent = service.publish("cp/lakeside/alerts/district-lighting", ALERT);

        // then
        assertThat(sent).isEqualTo(1);
        assertThat(publishesTo(ch)).singleElement()
                .satisfies(p -> assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE));
    }

    @Test
    void publish_grantedQos2_isDeliveredAtQos1() {
        // given a subscription recorded with QoS 2 (publish promises "the lower of QoS 1 and the granted QoS")
        final EmbeddedChannel ch = subscriber();
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.EXACTLY_ONCE);

        // when
        service.publish("cp/lakeside/alerts/district-lighting", ALERT);

        // then
        assertThat(publishesTo(ch)).singleElement()
                .satisfies(p -> assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_LEAST_ONCE));
    }

    @Test
    void publish_repeatedly_usesIncreasingPacketIdsPerConnection() {
        // given two subscribers
        final EmbeddedChannel a = subscriber();
        final EmbeddedChannel b = subscriber();
        service.subscribe(a, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);
        service.publish("cp/lakeside/alerts/district-lighting", ALERT);
        service.subscribe(b, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);

        // when
        service.publish("cp/lakeside/alerts/district-lighting", ALERT);
        service.publish("cp/riverside/alerts/district-lighting", ALERT);

        // then each connection counts its own ids from 1
        assertThat(publishesTo(a)).extracting(p -> p.variableHeader().packetId()).containsExactly(1, 2, 3);
        assertThat(publishesTo(b)).extracting(p -> p.variableHeader().packetId()).containsExactly(1, 2);
    }

    @Test
    void subscribe_sameFilterTwice_replacesTheFirst() {
        // given
        final EmbeddedChannel ch = subscriber();
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);

        // when
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.AT_MOST_ONCE);
        service.publish("cp/lakeside/alerts/district-lighting", ALERT);

        // then
        assertThat(publishesTo(ch)).singleElement()
                .satisfies(p -> assertThat(p.fixedHeader().qosLevel()).isEqualTo(MqttQoS.AT_MOST_ONCE));
    }

    @Test
    void unsubscribe_existingAndMissing_reportsWhetherOneWasRemoved() {
        // given
        final EmbeddedChannel ch = subscriber();
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);

        // when
        final boolean removed = service.unsubscribe(ch, "cp/+/alerts/district-lighting");
        final boolean removedAgain = service.unsubscribe(ch, "cp/+/alerts/district-lighting");
        final boolean neverSubscribed = service.unsubscribe(subscriber(), "cp/+/alerts/x");

        // then
        assertThat(removed).isTrue();
        assertThat(removedAgain).isFalse();
        assertThat(neverSubscribed).isFalse();
        assertThat(service.publish("cp/lakeside/alerts/district-lighting", ALERT)).isZero();
        assertThat(publishesTo(ch)).isEmpty();
    }

    @Test
    void publish_afterTheSubscriberClosed_skipsAndForgetsIt() {
        // given
        final EmbeddedChannel ch = subscriber();
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);

        // when
        ch.close();

        // then
        assertThat(service.publish("cp/lakeside/alerts/district-lighting", ALERT)).isZero();
        assertThat(service.unsubscribe(ch, "cp/+/alerts/district-lighting")).as("forgotten on close").isFalse();
    }

    @Test
    void subscribe_channelAlreadyClosed_isNotKept() {
        // given a connection that closed while its SUBSCRIBE was still being handled
        final EmbeddedChannel ch = subscriber();
        ch.close();

        // when
        service.subscribe(ch, "cp/+/alerts/district-lighting", MqttQoS.AT_LEAST_ONCE);

        // then no exception, and no subscription of a dead channel stays behind
        assertThat(service.unsubscribe(ch, "cp/+/alerts/district-lighting")).isFalse();
    }
}
