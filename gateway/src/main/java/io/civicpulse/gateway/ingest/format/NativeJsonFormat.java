// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.gateway.ingest.TelemetryTopic;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;

import java.util.List;
import java.util.Objects;

/**
 * The native JSON payload ({@code {"ts": …, "seq": …, "metrics": {…}}}, {@code docs/device-protocol.md}) on
 * {@code cp/{community}/{type}/{deviceId}/telemetry}: metric names are ours already. Delegates to the streaming
 * {@link NativeJsonPayloadDecoder}. Thread-safe.
 */
public final class NativeJsonFormat implements PayloadFormat {
    /** The name in {@code ingest.formats}. */
    public static final String NAME = "native";

    private final NativeJsonPayloadDecoder decoder;

    /** @param decoder the native decoder (it also refuses readings from too far in the future) */
    public NativeJsonFormat(final NativeJsonPayloadDecoder decoder) {
        this.decoder = Objects.requireNonNull(decoder, "decoder must not be null.");
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String topicTemplate() {
        return CpTopics.TEMPLATE;
    }

    @Override
    public DeviceKey topicKey(final String topic) {
        return CpTopics.parse(topic);
    }

    @Override
    public Uplink decode(final String topic, final byte[] payload, final long nowMillis) throws PayloadException {
        final DeviceKey key = CpTopics.parse(topic);
        if (key == null) {
            throw new PayloadException("topic '" + topic + "' is not " + CpTopics.TEMPLATE);
        }
        final Reading r = decoder.decode(new TelemetryTopic(key.community(), key.type(), key.id()), payload, 0,
                payload.length, nowMillis);
        return new Uplink(key, List.of(new Sample(r.getTimestampMillis(), r.getSequence(), r.getMetrics())));
    }

    @Override
    public String ownTopic(final Device device, final String topic) {
        return CpTopics.ownTopic(device, topic);
    }
}
