// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.fleet.FleetOptions;
import io.civicpulse.simulators.fleet.FleetRunner;
import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.registry.FleetShape;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.get;
import static io.civicpulse.gateway.testsupport.GatewayTestSupport.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * A wrong password, a malformed packet and an invalid payload each get the specified error, while a running fleet
 * keeps flowing.
 */
class BadInputIT {
    @TempDir
    Path dataDir;

    private Gateway gateway;
    private FleetRunner fleet;

    @BeforeEach
    void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
        fleet = new FleetRunner(FleetOptions.builder()
                .endpoint(new MqttEndpoint("127.0.0.1", gateway.mqttAddress().getPort()))
                .protocol(MqttProtocol.V5).qos(1)
                .shape(new FleetShape(GatewayTestSupport.FLEET_SEED, 2, 2, 1, GatewayTestSupport.COMMUNITY))
                .interval(Duration.ofMillis(300)).nightWindow(NightWindow.parse("00:00-00:00")).build());
        fleet.start();
        assertThat(fleet.awaitConnected(Duration.ofSeconds(20))).isTrue();
    }

    @AfterEach
    void stop() {
        fleet.stop();
        gateway.close();
    }

    @Test
    void wrongPassword_mqtt5_isRefusedWith0x86() throws Exception {
        final MqttException e = catchThrowableOfType(MqttException.class, () -> connectV5("sl-040", "wrong"));
        assertThat(e.getReasonCode()).isEqualTo(0x86);
        assertFleetKeepsFlowing();
    }

    @Test
    void wrongPassword_mqtt311_isRefusedWithReturnCode4() {
        final org.eclipse.paho.client.mqttv3.MqttException e = catchThrowableOfType(
                org.eclipse.paho.client.mqttv3.MqttException.class, () -> connectV3("sl-041", "wrong"));
        assertThat(e.getReasonCode()).isEqualTo(
                org.eclipse.paho.client.mqttv3.MqttException.REASON_CODE_FAILED_AUTHENTICATION);
    }

    @Test
    void unknownClient_mqtt5_isRefusedWith0x85() {
        final MqttException e = catchThrowableOfType(MqttException.class, () -> connectV5("no-such-device", "x"));
        assertThat(e.getReasonCode()).isEqualTo(0x85);
    }

    @Test
    void malformedPacket_closesOnlyThatConnection() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.mqttAddress().getPort())) {
            socket.setSoTimeout(5_000);
            final OutputStream out = socket.getOutputStream();
            // A CONNECT with the reserved connect-flag bit set: malformed (MQTT 3.1.1 §3.1.2.3).
            out.write(new byte[] {0x10, 0x0C, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x01, 0x00, 0x3C, 0x00, 0x00});
            out.flush();
            final InputStream in = socket.getInputStream();
            assertThat(in.read()).as("server closes the connection").isEqualTo(-1);
        }
        assertFleetKeepsFlowing();
    }

    @Test
    void invalidPayload_mqtt5_getsPuback0x99WithReason_andIsLedgered() throws Exception {
        final MqttAsyncClient client = connectV5("bin-040", secret("bin-040"));
        try {
            final IMqttToken token = client.publish("cp/lakeside/bin/bin-040/telemetry",
                    new MqttMessage("{\"ts\": 17, \"metrics\": {}}".getBytes(StandardCharsets.UTF_8), 1, false,
                            null));
            token.waitForCompletion(10_000);
            assertThat(token.getReasonCodes()).containsExactly(0x99);
        } catch (final MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(0x99);
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
        final JsonNode rejections = get(gateway, "/api/rejections").json();
        assertThat(rejections.get(0).get("clientId").asText()).isEqualTo("bin-040");
        assertThat(rejections.get(0).get("outcome").asText()).isEqualTo("payload_invalid");
        assertThat(rejections.get(0).get("reason").asText()).contains("ts");
        assertFleetKeepsFlowing();
    }

    @Test
    void invalidPayload_mqtt311_isAcknowledgedAndLedgered() throws Exception {
        final org.eclipse.paho.client.mqttv3.MqttClient client = connectV3("gate-009", secret("gate-009"));
        try {
            client.publish("cp/lakeside/gate/gate-009/telemetry", "not json".getBytes(StandardCharsets.UTF_8), 1,
                    false);
        } finally {
            client.disconnect();
            client.close();
        }
        final JsonNode rejections = get(gateway, "/api/rejections").json();
        assertThat(rejections.get(0).get("clientId").asText()).isEqualTo("gate-009");
        assertThat(rejections.get(0).get("reason").asText()).contains("not valid JSON");
    }

    @Test
    void publishOnAnotherDevicesTopic_mqtt5_isRefusedWith0x87() throws Exception {
        final MqttAsyncClient client = connectV5("sl-042", secret("sl-042"));
        try {
            final IMqttToken token = client.publish("cp/lakeside/streetlight/sl-001/telemetry", new MqttMessage(
                    ("{\"ts\":" + System.currentTimeMillis() + ",\"metrics\":{\"lamp_current_a\":0}}")
                            .getBytes(StandardCharsets.UTF_8), 1, false, null));
            token.waitForCompletion(10_000);
            assertThat(token.getReasonCodes()).containsExactly(0x87);
        } catch (final MqttException e) {
            assertThat(e.getReasonCode()).isEqualTo(0x87);
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    private void assertFleetKeepsFlowing() {
        final long acked = fleet.statistics().acked();
        await().atMost(Duration.ofSeconds(15)).until(() -> fleet.statistics().acked() > acked + 5);
        assertThat(fleet.statistics().connected()).isEqualTo(5);
    }

    private MqttAsyncClient connectV5(final String id, final String password) throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(GatewayTestSupport.mqttUri(gateway), id,
                new MemoryPersistence());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(id);
        options.setPassword(password.getBytes(StandardCharsets.UTF_8));
        options.setConnectionTimeout(10);
        try {
            client.connect(options).waitForCompletion(10_000);
        } catch (final MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    private org.eclipse.paho.client.mqttv3.MqttClient connectV3(final String id, final String password)
            throws org.eclipse.paho.client.mqttv3.MqttException {
        final org.eclipse.paho.client.mqttv3.MqttClient client = new org.eclipse.paho.client.mqttv3.MqttClient(
                GatewayTestSupport.mqttUri(gateway), id,
                new org.eclipse.paho.client.mqttv3.persist.MemoryPersistence());
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setUserName(id);
        options.setPassword(password.toCharArray());
        options.setConnectionTimeout(10);
        // Paho's default retries a refused 3.1.1 CONNECT as MQTT 3.1, which the gateway refuses as unsupported.
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        try {
            client.connect(options);
        } catch (final org.eclipse.paho.client.mqttv3.MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }
}
