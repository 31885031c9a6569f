// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker core over the wire with Paho v3 and v5 clients, on the lab configuration (anonymous clients, open
 * ACL): retained messages, QoS 2 both ways, overlapping and shared subscriptions, subscription identifiers,
 * message expiry, request/response properties, wills with delay, and session takeover.
 */
class BrokerIT {
    @TempDir
    Path dataDir;

    private Gateway gateway;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.allowAnonymous", "true",
                "mqtt.openAcl", "true"));
    }

    @AfterEach
    void stop() throws Exception {
        for (final AutoCloseable c : clients) {
            c.close();
        }
        gateway.close();
    }

    private PahoV5Client v5(final String id) throws Exception {
        final PahoV5Client c = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), id, o -> { });
        clients.add(c);
        return c;
    }

    private MqttClient v3(final String id, final List<String> inbox) throws Exception {
        final MqttClient c = new MqttClient(GatewayTestSupport.mqttUri(gateway), id,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        final MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(final Throwable cause) {
                // not needed
            }

            @Override
            public void messageArrived(final String topic, final org.eclipse.paho.client.mqttv3.MqttMessage m) {
                inbox.add(topic + " q" + m.getQos() + (m.isRetained() ? " r " : " ") + new String(m.getPayload(),
                        StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(final org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                // not needed
            }
        });
        c.connect(o);
        clients.add(() -> {
            if (c.isConnected()) {
                c.disconnect();
            }
            c.close();
        });
        return c;
    }

    @Test
    void retained_deliveredOnSubscribeWithRetainFlag_andClearedByAnEmptyPayload() throws Exception {
        // given a retained message published by an MQTT 3.1.1 client
        final MqttClient publisher = v3("pub-retained", new CopyOnWriteArrayList<>());
        publisher.publish("lab/retained", "hello".getBytes(StandardCharsets.UTF_8), 1, true);

        // when an MQTT 5 client subscribes later
        final PahoV5Client late = v5("late-retained");
        late.subscribe("lab/#", 1);

        // then it gets the retained message with RETAIN set
        assertThat(late.await(1)).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("hello");
            assertThat(r.message().isRetained()).isTrue();
        });

        // when the retained message is cleared
        publisher.publish("lab/retained", new byte[0], 1, true);
        final PahoV5Client later = v5("later-retained");
        later.subscribe("lab/#", 1);
        publisher.publish("lab/marker", "m".getBytes(StandardCharsets.UTF_8), 1, false);

        // then a new subscriber gets only what is published after it subscribed
        assertThat(later.await(1)).singleElement().satisfies(r -> assertThat(r.topic()).isEqualTo("lab/marker"));
    }

    @Test
    void qos2_bothWays_deliveredExactlyOnce() throws Exception {
        // given an MQTT 3.1.1 subscriber at QoS 2
        final List<String> inbox = new CopyOnWriteArrayList<>();
        final MqttClient subscriber = v3("sub-qos2", inbox);
        subscriber.subscribe("lab/q2", 2);

        // when an MQTT 5 client publishes three QoS 2 messages
        final PahoV5Client publisher = v5("pub-qos2");
        for (int i = 0; i < 3; i++) {
            assertThat(publisher.publish("lab/q2", "m" + i, 2, false).getReasonCodes()).containsOnly(0);
        }

        // then each arrives once, at QoS 2, in order
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.size() >= 3);
        assertThat(inbox).containsExactly("lab/q2 q2 m0", "lab/q2 q2 m1", "lab/q2 q2 m2");
    }

    @Test
    void overlappingSubscriptions_oneDeliveryAtTheHighestQos_withEverySubscriptionIdentifier() throws Exception {
        // given two overlapping subscriptions with identifiers 7 and 9
        final PahoV5Client sub = v5("sub-overlap");
        subscribeWithId(sub, "lab/+/temp", 0, 7);
        subscribeWithId(sub, "lab/#", 1, 9);

        // when
        v5("pub-overlap").publish("lab/room1/temp", "21", 1, false);

        // then
        assertThat(sub.await(1)).hasSize(1).singleElement().satisfies(r -> {
            assertThat(r.message().getQos()).isEqualTo(1);
            assertThat(r.message().getProperties().getSubscriptionIdentifiers()).containsExactlyInAnyOrder(7, 9);
        });
    }

    private static void subscribeWithId(final PahoV5Client c, final String filter, final int qos, final int id)
            throws Exception {
        final MqttProperties props = new MqttProperties();
        props.setSubscriptionIdentifier(id);
        c.client.subscribe(new MqttSubscription[] {new MqttSubscription(filter, qos)}, null, null, props)
                .waitForCompletion(PahoV5Client.WAIT_MS);
    }

    @Test
    void sharedSubscription_deliversEachMessageToOneMemberInTurn() throws Exception {
        // given two members of one share group and one ordinary subscriber
        final PahoV5Client a = v5("member-a");
        final PahoV5Client b = v5("member-b");
        final PahoV5Client all = v5("everything");
        a.subscribe("$share/workers/lab/jobs", 1);
        b.subscribe("$share/workers/lab/jobs", 1);
        all.subscribe("lab/jobs", 1);

        // when
        final PahoV5Client publisher = v5("pub-jobs");
        for (int i = 0; i < 10; i++) {
            publisher.publish("lab/jobs", "job" + i, 1, false);
        }

        // then the group got each job once, split between its members; the ordinary subscriber got all
        all.await(10);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.received.size() + b.received.size() == 10);
        assertThat(a.received).hasSize(5);
        assertThat(b.received).hasSize(5);
    }

    @Test
    void messageExpiry_remainingIntervalIsSent_andExpiredRetainedMessagesAreDropped() throws Exception {
        // given a retained message that expires in 1 s and one that expires in 1 hour
        final PahoV5Client publisher = v5("pub-expiry");
        publish(publisher, "lab/expiry/short", "short", 1L, true);
        publish(publisher, "lab/expiry/long", "long", 3600L, true);

        // when a subscriber arrives after the short one expired
        await().pollDelay(Duration.ofMillis(1_200)).atMost(Duration.ofSeconds(5)).until(() -> true);
        final PahoV5Client sub = v5("sub-expiry");
        sub.subscribe("lab/expiry/#", 1);

        // then only the long one arrives, with its remaining expiry
        assertThat(sub.await(1)).singleElement().satisfies(r -> {
            assertThat(r.text()).isEqualTo("long");
            assertThat(r.message().getProperties().getMessageExpiryInterval()).isBetween(3590L, 3600L);
        });
    }

    private static void publish(final PahoV5Client c, final String topic, final String payload, final Long expiry,
                                final boolean retain) throws Exception {
        final MqttMessage m = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8), 1, retain, null);
        final MqttProperties props = new MqttProperties();
        props.setMessageExpiryInterval(expiry);
        m.setProperties(props);
        c.client.publish(topic, m).waitForCompletion(PahoV5Client.WAIT_MS);
    }

    @Test
    void requestResponseProperties_arePassedThrough() throws Exception {
        // given
        final PahoV5Client responder = v5("responder");
        responder.subscribe("lab/requests", 1);

        // when
        final MqttMessage m = new MqttMessage("ping".getBytes(StandardCharsets.UTF_8), 1, false, null);
        final MqttProperties props = new MqttProperties();
        props.setResponseTopic("lab/responses/1");
        props.setCorrelationData(new byte[] {1, 2, 3});
        props.setContentType("text/plain");
        m.setProperties(props);
        v5("requester").client.publish("lab/requests", m).waitForCompletion(PahoV5Client.WAIT_MS);

        // then
        assertThat(responder.await(1)).singleElement().satisfies(r -> {
            assertThat(r.message().getProperties().getResponseTopic()).isEqualTo("lab/responses/1");
            assertThat(r.message().getProperties().getCorrelationData()).containsExactly(1, 2, 3);
            assertThat(r.message().getProperties().getContentType()).isEqualTo("text/plain");
        });
    }

    @Test
    void noLocal_ownPublicationsAreNotSentBack() throws Exception {
        // given a client subscribed with No Local
        final PahoV5Client c = v5("no-local");
        final MqttSubscription s = new MqttSubscription("lab/chat", 1);
        s.setNoLocal(true);
        c.client.subscribe(new MqttSubscription[] {s}).waitForCompletion(PahoV5Client.WAIT_MS);

        // when it and another client publish
        c.publish("lab/chat", "mine", 1, false);
        v5("other-chat").publish("lab/chat", "theirs", 1, false);

        // then only the other client's message arrives
        assertThat(c.await(1)).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("theirs"));
    }

    @Test
    void will_withDelay_isPublishedAfterTheDelayUnlessTheClientReturns() throws Exception {
        // given a subscriber and a client with a will delayed by 1 s
        final PahoV5Client watcher = v5("watcher");
        watcher.subscribe("lab/wills/#", 1);
        final PahoV5Client returning = connectWithWill("returning", "lab/wills/returning", 2L);
        final PahoV5Client gone = connectWithWill("gone", "lab/wills/gone", 1L);

        // when both drop their connections, and one comes back within its delay
        returning.drop();
        gone.drop();
        returning.connect(o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(60L);
        });

        // then only the will of the one that stayed away is published
        assertThat(watcher.await(1)).singleElement().satisfies(r -> assertThat(r.topic())
                .isEqualTo("lab/wills/gone"));
        await().pollDelay(Duration.ofMillis(2_500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(watcher.received).hasSize(1);
    }

    @Test
    void will_stillDelayedWhenTheGatewayStops_isPublishedAfterTheRestart() throws Exception {
        // given a watcher with a persistent session, and a client whose will is delayed by 2 s
        final PahoV5Client watcher = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), "will-watcher", o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(600L);
        });
        watcher.subscribe("lab/wills/#", 1);
        watcher.close();
        connectWithWill("stopped-with-gateway", "lab/wills/stopped-with-gateway", 2L);

        // when the gateway stops while the client is connected (its will delay starts) and comes back
        gateway.close();
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.allowAnonymous", "true",
                "mqtt.openAcl", "true"));

        // then the will is published once its delay has passed, and the watcher's session gets it
        final PahoV5Client back = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), "will-watcher", o -> {
            o.setCleanStart(false);
            o.setSessionExpiryInterval(600L);
        });
        clients.add(back);
        assertThat(back.await(1)).singleElement().satisfies(r -> assertThat(r.text())
                .isEqualTo("bye stopped-with-gateway"));
    }

    private PahoV5Client connectWithWill(final String id, final String topic, final long delay) throws Exception {
        final PahoV5Client c = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), id, o -> {
            o.setWill(topic, new MqttMessage(("bye " + id).getBytes(StandardCharsets.UTF_8), 1, false, null));
            final MqttProperties willProps = new MqttProperties();
            willProps.setWillDelayInterval(delay);
            o.setWillMessageProperties(willProps);
            o.setSessionExpiryInterval(60L);
        });
        clients.add(c);
        return c;
    }

    @Test
    void sessionTakeover_olderConnectionGetsDisconnect0x8E() throws Exception {
        // given
        final PahoV5Client first = v5("same-id");

        // when
        v5("same-id");

        // then
        await().atMost(Duration.ofSeconds(10)).until(() -> first.disconnect != null);
        assertThat(first.disconnect.getReturnCode()).isEqualTo(0x8E);
    }
}
