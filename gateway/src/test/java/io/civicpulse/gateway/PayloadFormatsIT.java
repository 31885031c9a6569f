// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
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

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.get;
import static io.civicpulse.gateway.testsupport.GatewayTestSupport.secret;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Payload formats over the wire: a ChirpStack v4 uplink and a SenML pack published over MQTT 5 to the in-process
 * gateway end up as readings over HTTP; an uplink about another device and an invalid document are refused with the
 * reason. The registry is the committed one, with bin-001 given the DevEUI of the Dingtek capture fixture.
 */
class PayloadFormatsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEV_EUI = "7cf95720fc015fef";
    private static final String UPLINK_TOPIC = "application/1ebdc5b7-d43d-46e0-9a4e-bd50ad2d86d2/device/" + DEV_EUI
            + "/event/up";

    @TempDir
    Path dataDir;

    private Gateway gateway;

    @BeforeEach
    void start() throws Exception {
        final String registry = Files.readString(GatewayTestSupport.sampleConfig().resolveSibling("devices.yaml"));
        assertThat(registry).contains("  - id: bin-001\n");
        final String withDevEui = "  - id: bin-001\n    devEui: \"" + DEV_EUI.toUpperCase(Locale.ROOT) + "\"\n";
        final Path devices = Files.writeString(dataDir.resolve("devices-with-deveui.yaml"),
                registry.replace("  - id: bin-001\n", withDevEui));
        gateway = GatewayTestSupport.startGateway(dataDir.resolve("data"),
                Map.of("registry.devices", devices.toString()));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void chirpStackUplinkAndSenmlPack_overMqtt_areQueryableReadings() throws Exception {
        // given a ChirpStack v4 event (the vendor's capture) with the DF703 codec output, stamped 5 s ago
        final Instant eventTime = Instant.now().minusSeconds(5);
        final ObjectNode uplink = (ObjectNode) JSON.readTree(fixture("chirpstack-v4-event-up.realworld-dingtek-"
                + "capture.json"));
        uplink.put("time", eventTime.toString());
        uplink.set("object", JSON.readTree("{\"level\": 150, \"temperature\": 24, \"alarmFire\": false}"));
        // and a SenML pack of two instants, 20 s and 10 s ago
        final double bt = (System.currentTimeMillis() - 20_000) / 1000.0;
        final String pack = "[{\"bn\":\"urn:dev:sl-001:\",\"bt\":" + bt + ",\"n\":\"current\",\"u\":\"A\","
                + "\"v\":0.41},{\"n\":\"current\",\"u\":\"A\",\"t\":10,\"v\":0.02},{\"n\":\"voltage\",\"u\":\"V\","
                + "\"t\":10,\"v\":229},{\"n\":\"label\",\"vs\":\"north gate lamp\"}]";

        // when bin-001 and sl-001 publish them with QoS 1
        assertThat(publish("bin-001", UPLINK_TOPIC, JSON.writeValueAsBytes(uplink))).isZero();
        assertThat(publish("sl-001", "cp/lakeside/streetlight/sl-001/senml", utf8(pack))).isZero();

        // then bin-001 has the mapped reading at the event time, with fCnt as its sequence
        final JsonNode bin = await().atMost(Duration.ofSeconds(10)).until(
                () -> get(gateway, "/api/devices/bin-001/readings").json().get("readings"), r -> r.size() == 1);
        assertThat(Instant.parse(bin.get(0).get("timestamp").asText()).toEpochMilli())
                .isEqualTo(eventTime.toEpochMilli());
        assertThat(bin.get(0).get("sequence").asLong()).isEqualTo(2);
        assertThat(JSON.convertValue(bin.get(0).get("metrics"), Map.class)).isEqualTo(Map.of("fill_pct", 85.0,
                "level_mm", 150.0, "temperature_c", 24.0, "fire_alarm", 0.0));
        // and sl-001 has one reading per instant of the pack
        final JsonNode lamp = get(gateway, "/api/devices/sl-001/readings").json().get("readings");
        assertThat(lamp).hasSize(2);
        assertThat(lamp.toString()).contains("\"lamp_current_a\":0.41").contains("\"lamp_current_a\":0.02")
                .contains("\"voltage_v\":229.0").doesNotContain("label");
    }

    @Test
    void uplinkAboutAnotherDeviceAndInvalidDocument_areRefusedWithTheReason() throws Exception {
        // given
        final byte[] aboutGate = utf8("{\"time\":\"" + Instant.now() + "\",\"object\":{\"door\":\"open\"}}");

        // when bin-001 publishes an uplink for another DevEUI, then the invalid TTS docs example
        final int notYours = publish("bin-001", "application/a/device/1000000000000001/event/up", aboutGate);
        final int invalid = publish("bin-001", "v3/app1@ttn/devices/bin-001/up",
                fixture("ttn-v3-up.data-formats-docs.HEAD-verbatim.invalid-json.txt"));

        // then MQTT 5 reason codes, and the ledger says why; nothing was stored
        assertThat(notYours).isEqualTo(0x87);
        assertThat(invalid).isEqualTo(0x99);
        final JsonNode rejections = get(gateway, "/api/rejections").json();
        assertThat(rejections.get(0).get("reason").asText()).startsWith("payload is not valid JSON at line 79");
        assertThat(rejections.get(1).get("reason").asText()).isEqualTo("bin-001 may publish only on "
                + "application/a/device/" + DEV_EUI + "/event/up");
        assertThat(get(gateway, "/api/devices/bin-001/readings").json().get("readings")).isEmpty();
    }

    /** @return the PUBACK reason code */
    private int publish(final String deviceId, final String topic, final byte[] payload) throws MqttException {
        final MqttAsyncClient client = new MqttAsyncClient(GatewayTestSupport.mqttUri(gateway), deviceId,
                new MemoryPersistence());
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(deviceId);
        options.setPassword(secret(deviceId).getBytes(StandardCharsets.UTF_8));
        client.connect(options).waitForCompletion(10_000);
        try {
            final IMqttToken token = client.publish(topic, new MqttMessage(payload, 1, false, null));
            token.waitForCompletion(10_000);
            return token.getReasonCodes()[0];
        } catch (final MqttException e) {
            return e.getReasonCode();
        } finally {
            client.disconnect().waitForCompletion(5_000);
            client.close();
        }
    }

    private static byte[] fixture(final String name) throws IOException {
        try (InputStream in = PayloadFormatsIT.class.getClassLoader().getResourceAsStream("payloads/" + name)) {
            assertThat(in).as("payloads/" + name).isNotNull();
            return in.readAllBytes();
        }
    }

    private static byte[] utf8(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
