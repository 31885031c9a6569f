// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.gateway.registry.DevEui;
import io.civicpulse.gateway.registry.Device;

import java.util.List;

/**
 * The Things Stack (TTN) v3 uplink messages on {@code v3/{application}@{tenant}/devices/{deviceId}/up} (or
 * {@code v3/{application}/devices/{deviceId}/up} on The Things Stack Open Source).
 *
 * <p>The device is {@code end_device_ids.dev_eui} when the registry knows that DevEUI, else the device id, which
 * must then be a registry id (see {@link DeviceKey}); {@code end_device_ids.device_id} and
 * {@code application_ids.application_id}, when present, must agree with the topic. The time is
 * {@code received_at} (else {@code uplink_message.received_at}, else the first
 * {@code uplink_message.rx_metadata[].time}); {@code uplink_message.f_cnt}, when present, is the sequence number
 * (The Things Stack omits zero values). The metrics come from {@code uplink_message.decoded_payload}, the output
 * of the payload formatter, through {@code ingest.fieldMaps.ttn-v3}; an uplink without it is refused. Thread-safe.
 */
public final class TtnV3Format implements PayloadFormat {
    /** The name in {@code ingest.formats}. */
    public static final String NAME = "ttn-v3";
    private static final String TEMPLATE = "v3/{application}@{tenant}/devices/{deviceId}/up";
    private static final String DECODED = "uplink_message.decoded_payload";

    private final DecodedObjectMapper mapper;

    /** @param map the field map for decoded payloads, in order */
    public TtnV3Format(final List<FieldMapping> map) {
        this.mapper = new DecodedObjectMapper("ingest.fieldMaps." + NAME, map);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topicTemplate() {
        return TEMPLATE;
    }

    @Override
    public DeviceKey topicKey(final String topic) {
        final String[] p = topic.split("/", -1);
        final boolean shaped = p.length == 5 && "v3".equals(p[0]) && !p[1].isEmpty() && "devices".equals(p[2])
                && !p[3].isEmpty();
        // The topic's device id is The Things Stack's, not necessarily ours: only the payload decides.
        return shaped ? DeviceKey.NONE : null;
    }

    @Override
    public Uplink decode(final String topic, final byte[] payload, final long nowMillis) throws PayloadException {
        if (topicKey(topic) == null) {
            throw new PayloadException("topic '" + topic + "' is not " + TEMPLATE);
        }
        final String[] p = topic.split("/", -1);
        final JsonNode root = JsonPayloads.read(payload);
        if (!root.isObject()) {
            throw new PayloadException("payload is not a The Things Stack uplink: expected a JSON object");
        }
        final String deviceId = JsonPayloads.text(root, "end_device_ids.device_id");
        if (deviceId != null && !deviceId.equals(p[3])) {
            throw new PayloadException("end_device_ids.device_id '" + deviceId + "' is not the topic's " + p[3]);
        }
        final String application = JsonPayloads.text(root, "end_device_ids.application_ids.application_id");
        if (application != null && !application.equals(p[1].split("@", -1)[0])) {
            throw new PayloadException("end_device_ids.application_ids.application_id '" + application
                    + "' is not the topic's application");
        }
        final String eui = JsonPayloads.text(root, "end_device_ids.dev_eui");
        if (eui != null && DevEui.normalize(eui) == null) {
            throw new PayloadException("end_device_ids.dev_eui '" + eui + "' is not 16 hexadecimal digits");
        }
        final JsonNode decoded = JsonPayloads.at(root, DECODED);
        if (decoded == null) {
            throw new PayloadException(DECODED + " is missing: The Things Stack adds it only when the device or "
                    + "application has an uplink payload formatter; the raw frm_payload is not decoded here");
        }
        final Sample sample = new Sample(time(root), JsonPayloads.counter(root, "uplink_message.f_cnt"),
                mapper.map(decoded, DECODED));
        return new Uplink(new DeviceKey(p[3], DevEui.normalize(eui), null, null), List.of(sample));
    }

    @Override
    public String ownTopic(final Device device, final String topic) {
        return "v3/" + topic.split("/", -1)[1] + "/devices/" + device.id() + "/up";
    }

    private static long time(final JsonNode root) throws PayloadException {
        Long time = JsonPayloads.time(root, "received_at");
        time = time != null ? time : JsonPayloads.time(root, "uplink_message.received_at");
        time = time != null ? time : JsonPayloads.firstTime(root, "uplink_message.rx_metadata", "time");
        if (time == null) {
            throw new PayloadException("received_at is missing (and no uplink_message.received_at or "
                    + "rx_metadata[].time)");
        }
        return time;
    }
}
