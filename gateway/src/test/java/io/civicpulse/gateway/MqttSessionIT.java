// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import io.civicpulse.gateway.mqtt.BrokerMessage;
import io.civicpulse.gateway.mqtt.PublishProperties;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Persistent sessions across a gateway restart, device wills and the offline hook, and the protective limits,
 * with the real registry (devices, crews) and Paho v3 and v5 clients.
 */
class MqttSessionIT {
    private static final String SL = "sl-001";
    private static final Device SL_DEVICE = new Device(SL, "streetlight", "lakeside", "", 60, Double.NaN,
            Double.NaN, "", "");

    @TempDir
    Path dataDir;

    private Gateway gateway;
    private final List<AutoCloseable> clients = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (final AutoCloseable c : clients) {
            c.close();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private MqttClient crewV3(final boolean cleanSession, final List<String> inbox) throws Exception {
        final MqttClient c = new MqttClient(GatewayTestSupport.mqttUri(gateway), "crew-app-1",
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        c.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallback() {
            @Override
            public void connectionLost(final Throwable cause) {
                // not needed
            }

            @Override
            public void messageArrived(final String topic, final org.eclipse.paho.client.mqttv3.MqttMessage m) {
                inbox.add(new String(m.getPayload(), StandardCharsets.UTF_8));
            }

            @Override
            public void deliveryComplete(final org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
                // not needed
            }
        });
        final MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(cleanSession);
        o.setUserName("lighting-crew");
        o.setPassword("lighting-demo".toCharArray());
        c.connect(o);
        return c;
    }

    @Test
    void persistentSession_messagesQueuedWhileAway_arriveAfterAGatewayRestart() throws Exception {
        // given a crew app (MQTT 3.1.1, clean session 0) subscribed to its body's alerts, and a device (MQTT 5,
        // clean start 0, session expiry 1 h) subscribed to its command topic; both go away
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
        final MqttClient crew = crewV3(false, new CopyOnWriteArrayList<>());
        crew.subscribe("cp/+/alerts/district-lighting", 1);
        crew.disconnect();
        crew.close();
        final PahoV5Client device = deviceV5(false);
        device.subscribe("cp/lakeside/streetlight/sl-001/cmd", 1);
        device.close();

        // when alerts and commands are published while they are away, and the gateway restarts
        final SubscriptionServiceProbe probe = new SubscriptionServiceProbe(gateway);
        probe.alert("cp/lakeside/alerts/district-lighting", "alert-1");
        probe.alert("cp/riverside/alerts/district-lighting", "alert-2");
        assertThat(gateway.downlink().sendCommand(SL_DEVICE, "dim 50".getBytes(StandardCharsets.UTF_8), 1))
                .isEqualTo(1);
        gateway.close();
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());

        // then each gets what it missed on reconnect, with Session Present
        final List<String> inbox = new CopyOnWriteArrayList<>();
        final MqttClient back = crewV3(false, inbox);
        clients.add(() -> {
            back.disconnect();
            back.close();
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> inbox.size() >= 2);
        assertThat(inbox).containsExactly("alert-1", "alert-2");
        final PahoV5Client deviceBack = deviceV5(false);
        assertThat(deviceBack.sessionPresent).isTrue();
        assertThat(deviceBack.await(1)).singleElement().satisfies(r -> assertThat(r.text()).isEqualTo("dim 50"));
    }

    private PahoV5Client deviceV5(final boolean cleanStart) throws Exception {
        final PahoV5Client c = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), SL, o -> {
            o.setUserName(SL);
            o.setPassword(secret(SL).getBytes(StandardCharsets.UTF_8));
            o.setCleanStart(cleanStart);
            o.setSessionExpiryInterval(cleanStart ? 0L : 3600L);
        });
        clients.add(c);
        return c;
    }

    @Test
    void deviceDroppingItsConnection_statusPublishedListenerToldAndDv01Opened() throws Exception {
        // given a crew allowed to read status topics (open ACL) and a device without a will of its own
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.openAcl", "true"));
        final List<Device> offline = new CopyOnWriteArrayList<>();
        final List<Instant> at = new CopyOnWriteArrayList<>();
        gateway.deviceStatusListener((d, when) -> {
            offline.add(d);
            at.add(when);
        });
        final List<String> inbox = new CopyOnWriteArrayList<>();
        final MqttClient crew = crewV3(true, inbox);
        clients.add(crew::close);
        crew.subscribe("cp/lakeside/streetlight/+/status", 1);
        final PahoV5Client device = deviceV5(true);

        // when the device's connection drops without DISCONNECT
        device.drop();

        // then the gateway publishes its status and tells the listener at once
        await().atMost(Duration.ofSeconds(10)).until(() -> !inbox.isEmpty() && !offline.isEmpty());
        assertThat(inbox.get(0)).contains("\"status\":\"offline\"");
        assertThat(offline).extracting(Device::id).containsExactly(SL);
        // and the rules hear it at once: a DV-01 issue with the last-will evidence, long before silence would tell
        await().atMost(Duration.ofSeconds(10)).until(() -> GatewayTestSupport.getAsSupervisor(gateway,
                "/api/issues?category=DV-01").text().contains("\"deviceId\":\"" + SL + "\""));
        final String id = GatewayTestSupport.getAsSupervisor(gateway, "/api/issues?category=DV-01").json().get(0)
                .get("id").asText();
        assertThat(GatewayTestSupport.getAsSupervisor(gateway, "/api/issues/" + id).text()).contains("last will");
        crew.disconnect();
    }

    @Test
    void maxConnections_oneTooMany_isRefusedWithQuotaExceeded() throws Exception {
        // given a limit of one connection, taken
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.limits.maxConnections", "1"));
        deviceV5(true);

        // when another device connects
        final MqttException e = catchThrowableOfType(MqttException.class, () -> PahoV5Client.connect(
                GatewayTestSupport.mqttUri(gateway), "sl-002", o -> {
                    o.setUserName("sl-002");
                    o.setPassword(secret("sl-002").getBytes(StandardCharsets.UTF_8));
                }));

        // then
        assertThat(e.getReasonCode()).isEqualTo(0x97);
    }

    @Test
    void authFailures_fiveInAMinute_throttleTheAddressEvenWithTheRightPassword() throws Exception {
        // given five wrong passwords from this address
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
        for (int i = 0; i < 5; i++) {
            final MqttException e = catchThrowableOfType(MqttException.class, () -> connectSl("wrong"));
            assertThat(e.getReasonCode()).isEqualTo(0x86);
        }

        // when the right password follows
        final MqttException e = catchThrowableOfType(MqttException.class, () -> connectSl(secret(SL)));

        // then it is refused without a check: connection rate exceeded
        assertThat(e.getReasonCode()).isEqualTo(0x9F);
    }

    private void connectSl(final String password) throws Exception {
        final PahoV5Client c = new PahoV5Client(GatewayTestSupport.mqttUri(gateway), SL);
        clients.add(c);
        c.connect(o -> {
            o.setUserName(SL);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void messageRate_aboveTheBucket_pubackQuotaExceeded() throws Exception {
        // given one message per second with a burst of one
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.limits.messageRate", "1",
                "mqtt.limits.messageBurst", "1"));
        final PahoV5Client device = deviceV5(true);
        final byte[] reading = ("{\"ts\": " + System.currentTimeMillis() + ", \"metrics\": {\"power_w\": 40}}")
                .getBytes(StandardCharsets.UTF_8);

        // when two messages are sent back to back
        final IMqttToken first = device.client.publish("cp/lakeside/streetlight/sl-001/telemetry", reading, 1, false);
        final IMqttToken second = device.client.publish("cp/lakeside/streetlight/sl-001/telemetry", reading, 1,
                false);
        first.waitForCompletion(PahoV5Client.WAIT_MS);
        int code;
        try {
            second.waitForCompletion(PahoV5Client.WAIT_MS);
            code = second.getReasonCodes()[0];
        } catch (final MqttException e) {
            code = e.getReasonCode();
        }

        // then the second gets PUBACK 0x97: 0x96 "message rate too high" exists only for DISCONNECT
        // (MQTT 5 §3.4.2.1), and Paho rejects it in a PUBACK
        assertThat(first.getReasonCodes()).containsExactly(0);
        assertThat(code).isEqualTo(0x97);
    }

    /** Publishes as the gateway itself, the way alerts are published. */
    private record SubscriptionServiceProbe(Gateway gateway) {
        void alert(final String topic, final String payload) {
            gateway.broker().publish(new BrokerMessage(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false,
                    PublishProperties.NONE, 0, BrokerMessage.GATEWAY));
        }
    }
}
