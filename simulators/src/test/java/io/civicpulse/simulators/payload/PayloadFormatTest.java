// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.payload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.simulators.device.DeviceType;
import io.civicpulse.simulators.registry.DeviceIdentity;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DeviceIdentity BIN = new DeviceIdentity("bin-007", DeviceType.BIN, "lakeside", 30.27,
            120.15, "north", null);
    private static final long TS = 1_764_266_400_500L;

    private static Map<String, Number> binMetrics() {
        final Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("fill_pct", 70.0);
        metrics.put("temperature_c", 21.0);
        metrics.put("battery_pct", 88L);
        return metrics;
    }

    private static JsonNode json(final PayloadFormat format) throws Exception {
        return JSON.readTree(new String(format.payload(BIN, "a1b2c3d4e5f60708", TS, 12, binMetrics()),
                StandardCharsets.UTF_8));
    }

    @Test
    void senml_packWithBaseNameTimeAndOurUnits() throws Exception {
        final JsonNode pack = json(PayloadFormat.SENML);
        assertThat(PayloadFormat.SENML.topic(BIN, null)).isEqualTo("cp/lakeside/bin/bin-007/senml");
        assertThat(pack.get(0).get("bn").asText()).isEqualTo("urn:dev:bin-007:");
        assertThat(pack.get(0).get("bt").asDouble()).isEqualTo(1_764_266_400.5);
        assertThat(pack.get(1).get("u").asText()).isEqualTo("Cel");
        assertThat(pack.get(2).get("u").asText()).isEqualTo("%EL");
    }

    @Test
    void chirpStack_upEventWithDf703Fields() throws Exception {
        final JsonNode event = json(PayloadFormat.CHIRPSTACK_V4);
        assertThat(PayloadFormat.CHIRPSTACK_V4.topic(BIN, "a1b2c3d4e5f60708"))
                .isEqualTo("application/civicpulse-sim/device/a1b2c3d4e5f60708/event/up");
        assertThat(event.at("/deviceInfo/devEui").asText()).isEqualTo("a1b2c3d4e5f60708");
        assertThat(event.get("fCnt").asLong()).isEqualTo(12);
        // DF703 reports the distance to the waste: 70 % full in a 1000 mm bin is 300 mm.
        assertThat(event.at("/object/level").asLong()).isEqualTo(300);
        assertThat(event.at("/object/temperature").asDouble()).isEqualTo(21.0);
    }

    @Test
    void ttn_uplinkWithDecodedPayloadAndDevEui() throws Exception {
        final JsonNode uplink = json(PayloadFormat.TTN_V3);
        assertThat(PayloadFormat.TTN_V3.topic(BIN, "x")).isEqualTo("v3/civicpulse-sim@ttn/devices/bin-007/up");
        assertThat(uplink.at("/end_device_ids/dev_eui").asText()).isEqualTo("A1B2C3D4E5F60708");
        assertThat(uplink.at("/uplink_message/decoded_payload/battery").asLong()).isEqualTo(88);
    }

    @Test
    void parse_unknown_listsTheFormats() {
        assertThat(PayloadFormat.parse("TTN-v3")).isEqualTo(PayloadFormat.TTN_V3);
        assertThatThrownBy(() -> PayloadFormat.parse("xml")).hasMessageContaining("use native, senml");
    }
}
