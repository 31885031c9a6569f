// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.gateway.registry.DevEui;
import io.civicpulse.gateway.registry.Device;

import java.util.List;

/**
 * ChirpStack v4 uplink events (JSON marshaler) on {@code application/{applicationId}/device/{devEui}/event/up}.
 *
 * <p>The device is the topic's DevEUI; {@code deviceInfo.devEui} and {@code deviceInfo.applicationId}, when
 * present, must agree with the topic. The time is {@code time} (else the first {@code rxInfo[].time}); the frame
 * counter {@code fCnt}, when present, becomes the sequence number (ChirpStack before 4.1 omits a zero counter).
 * The metrics come from {@code object}, the output of the device profile's codec, through the field map
 * ({@code ingest.fieldMaps.chirpstack-v4}, see {@link DecodedObjectMapper}); an uplink without {@code object} is
 * refused, since the raw {@code data} bytes are vendor-specific. Thread-safe.
 */
public final class ChirpStackV4Format implements PayloadFormat {
    /** The name in {@code ingest.formats}. */
    public static final String NAME = "chirpstack-v4";
    private static final String TEMPLATE = "application/{applicationId}/device/{devEui}/event/up";

    private final DecodedObjectMapper mapper;

    /** @param map the field map for decoded objects, in order */
    public ChirpStackV4Format(final List<FieldMapping> map) {
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
        if (p.length != 6 || !"application".equals(p[0]) || p[1].isEmpty() || !"device".equals(p[2])
                || !"event".equals(p[4])) {
            return null;
        }
        final String devEui = DevEui.normalize(p[3]);
        return devEui == null ? null : new DeviceKey(null, devEui, null, null);
    }

    @Override
    public Uplink decode(final String topic, final byte[] payload, final long nowMillis) throws PayloadException {
        final DeviceKey key = topicKey(topic);
        if (key == null) {
            throw new PayloadException("topic '" + topic + "' is not " + TEMPLATE);
        }
        final JsonNode root = JsonPayloads.read(payload);
        if (!root.isObject()) {
            throw new PayloadException("payload is not a ChirpStack event: expected a JSON object");
        }
        final String eui = JsonPayloads.text(root, "deviceInfo.devEui");
        if (eui != null && !key.devEui().equals(DevEui.normalize(eui))) {
            throw new PayloadException("deviceInfo.devEui '" + eui + "' is not the topic's DevEUI " + key.devEui());
        }
        final String applicationId = JsonPayloads.text(root, "deviceInfo.applicationId");
        if (applicationId != null && !applicationId.equals(topic.split("/", -1)[1])) {
            throw new PayloadException("deviceInfo.applicationId '" + applicationId + "' is not the topic's "
                    + "application");
        }
        final JsonNode object = JsonPayloads.at(root, "object");
        if (object == null) {
            throw new PayloadException("object is missing: ChirpStack adds the decoded object only when the device "
                    + "profile" + profile(root) + " has a codec; the raw data is not decoded here");
        }
        Long time = JsonPayloads.time(root, "time");
        time = time != null ? time : JsonPayloads.firstTime(root, "rxInfo", "time");
        if (time == null) {
            throw new PayloadException("time is missing (and no rxInfo[].time)");
        }
        final Sample sample = new Sample(time, JsonPayloads.counter(root, "fCnt"), mapper.map(object, "object"));
        return new Uplink(key, List.of(sample));
    }

    @Override
    public String ownTopic(final Device device, final String topic) {
        final String[] p = topic.split("/", -1);
        return "application/" + p[1] + "/device/" + (device.hasDevEui() ? device.devEui() : "{no devEui registered}")
                + "/event/" + p[p.length - 1];
    }

    private static String profile(final JsonNode root) throws PayloadException {
        final String name = JsonPayloads.text(root, "deviceInfo.deviceProfileName");
        return name == null ? "" : " '" + name + "'";
    }
}
