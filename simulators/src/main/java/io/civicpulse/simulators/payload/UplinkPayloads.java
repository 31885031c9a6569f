// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.payload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;

/**
 * SenML packs and LoRaWAN uplink events for a reading, in the field names the gateway's default field maps
 * know (config/gateway.yaml {@code ingest.fieldMaps}): what a Dingtek DF703 bin sensor and a Milesight WS301 door
 * contact's codecs emit. Metrics without such a field keep our own name in the decoded object; the gateway
 * ignores them unless a field map line is added.
 */
final class UplinkPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** DF703's level is the distance from the sensor down to the waste in a bin 1000 mm deep. */
    private static final double BIN_DEPTH_MM = 1000.0;

    private UplinkPayloads() {
    }

    /** A SenML pack: one record per metric, base name the device, base time the reading's time in seconds. */
    static String senml(final String deviceId, final long epochMillis, final Map<String, Number> metrics) {
        final ArrayNode pack = JSON.createArrayNode();
        boolean first = true;
        for (final Map.Entry<String, Number> metric : metrics.entrySet()) {
            final ObjectNode record = pack.addObject();
            if (first) {
                record.put("bn", "urn:dev:" + deviceId + ":").put("bt", epochMillis / 1000.0);
                first = false;
            }
            senmlRecord(record, metric.getKey(), metric.getValue().doubleValue());
        }
        return pack.toString();
    }

    private static void senmlRecord(final ObjectNode record, final String metric, final double value) {
        switch (metric) {
            case "lamp_current_a" -> record.put("n", "current").put("u", "A").put("v", value);
            case "voltage_v" -> record.put("n", "voltage").put("u", "V").put("v", value);
            case "power_w" -> record.put("n", "power").put("u", "W").put("v", value);
            case "temperature_c" -> record.put("n", "temperature").put("u", "Cel").put("v", value);
            case "fill_pct" -> record.put("n", "fill").put("u", "%").put("v", value);
            case "battery_pct" -> record.put("n", "battery").put("u", "%EL").put("v", value);
            case "door_open" -> record.put("n", "open").put("vb", value != 0);
            default -> record.put("n", metric).put("v", value);
        }
    }

    /** A ChirpStack v4 {@code up} event (JSON marshaler) with the decoded {@code object}. */
    static String chirpStack(final String devEui, final long epochMillis, final long seq,
                             final Map<String, Number> metrics) {
        final ObjectNode event = JSON.createObjectNode();
        event.put("deduplicationId", devEui + "-" + seq).put("time", Instant.ofEpochMilli(epochMillis).toString());
        event.putObject("deviceInfo").put("applicationId", PayloadFormat.APPLICATION).put("devEui", devEui);
        event.put("fCnt", seq).put("fPort", 10).put("confirmed", false);
        event.set("object", decodedObject(metrics));
        return event.toString();
    }

    /** A The Things Stack v3 uplink message with {@code decoded_payload}. */
    static String ttn(final String deviceId, final String devEui, final long epochMillis, final long seq,
                      final Map<String, Number> metrics) {
        final ObjectNode uplink = JSON.createObjectNode();
        final ObjectNode ids = uplink.putObject("end_device_ids");
        ids.put("device_id", deviceId).put("dev_eui", devEui.toUpperCase(java.util.Locale.ROOT));
        ids.putObject("application_ids").put("application_id", PayloadFormat.APPLICATION);
        final String time = Instant.ofEpochMilli(epochMillis).toString();
        uplink.put("received_at", time);
        final ObjectNode message = uplink.putObject("uplink_message");
        message.put("f_port", 10).put("f_cnt", seq).put("received_at", time);
        message.set("decoded_payload", decodedObject(metrics));
        return uplink.toString();
    }

    private static ObjectNode decodedObject(final Map<String, Number> metrics) {
        final ObjectNode object = JSON.createObjectNode();
        for (final Map.Entry<String, Number> metric : metrics.entrySet()) {
            final double value = metric.getValue().doubleValue();
            switch (metric.getKey()) {
                case "fill_pct" -> object.put("level", Math.round(BIN_DEPTH_MM - value * BIN_DEPTH_MM / 100.0));
                case "temperature_c" -> object.put("temperature", value);
                case "battery_pct" -> object.put("battery", Math.round(value));
                case "door_open" -> object.put("door", value != 0 ? "open" : "close");
                default -> object.put(metric.getKey(), value);
            }
        }
        return object;
    }
}
