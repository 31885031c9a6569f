// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.gateway.registry.Device;

/**
 * One payload format the gateway understands (native JSON, SenML, ChirpStack v4, The Things Stack v3). The
 * {@link FormatRouter} picks it by topic filter ({@code ingest.formats}).
 *
 * <p>Implementations are plain, stateless, thread-safe decoders: no Netty, no registry. They turn a topic and a
 * payload into an {@link Uplink} in our metric names and refuse, with the reason, anything they cannot read
 * completely: a payload is never half-decoded.
 */
public interface PayloadFormat {

    /** @return the name used in {@code ingest.formats}, e.g. {@code chirpstack-v4} */
    String name();

    /**
     * @return the topic this format expects, levels that vary in braces, e.g.
     *     {@code application/{applicationId}/device/{devEui}/event/up}; a level {@code +} is the filter's choice
     */
    String topicTemplate();

    /**
     * Reads whom the topic names, without looking at the payload, so a publisher can be refused before decoding.
     *
     * @param topic a topic name that matched this format's filter
     * @return the device the topic names ({@link DeviceKey#NONE} when only the payload tells), or null when the
     *     topic does not have this format's shape (the filter was configured for the wrong format)
     */
    DeviceKey topicKey(String topic);

    /**
     * @param topic     the topic name, for which {@link #topicKey} is not null
     * @param payload   the payload bytes, not modified
     * @param nowMillis the gateway clock in epoch milliseconds, for payloads that carry relative or no time
     * @return whom the message is about and what it says
     * @throws PayloadException naming the field and what is wrong
     */
    Uplink decode(String topic, byte[] payload, long nowMillis) throws PayloadException;

    /**
     * @param device a device
     * @param topic  the topic something was published on
     * @return the topic on which {@code device} would publish in this format, for "may publish only on" refusals
     */
    String ownTopic(Device device, String topic);

    /**
     * @param filter a topic filter routed to this format
     * @return the filter with its {@code +} levels named after {@link #topicTemplate()}, for refusals
     */
    default String describeFilter(final String filter) {
        final String[] f = filter.split("/", -1);
        final String[] t = topicTemplate().split("/", -1);
        for (int i = 0; i < f.length && i < t.length; i++) {
            if ("+".equals(f[i]) && t[i].startsWith("{")) {
                f[i] = t[i];
            }
        }
        return String.join("/", f);
    }
}
