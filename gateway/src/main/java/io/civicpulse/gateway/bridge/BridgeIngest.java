// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.ingest.IngestResult;

import java.util.function.Consumer;

/**
 * The one call the bridge makes per message: take a message that arrived on a bridged topic into the ingest path
 * (pick the payload format, find the device the topic and payload name, decode, queue the readings) and report the
 * outcome. The gateway wires it to {@code PublishService.processBridgedPublish}, so the bridge does not know which
 * payload formats exist.
 *
 * <p>Contract, relied on by {@link BrokerBridge} for its acknowledgements:
 * <ul>
 *   <li>must not block: it is called on the MQTT client's callback thread (and on the bridge's retry thread);</li>
 *   <li>calls {@code done} exactly once, on any thread, and only when the outcome is final: accepted means the
 *       reading is durably stored, because that is when the bridge acknowledges the message to the broker;</li>
 *   <li>a permanent refusal ({@code TOPIC_INVALID}, {@code NOT_AUTHORIZED}, {@code PAYLOAD_INVALID}) must already
 *       be in the rejected-payload ledger and counted when {@code done} runs: the bridge acknowledges it so the
 *       broker does not redeliver it forever;</li>
 *   <li>a transient refusal ({@code OVERLOADED}, {@code STORE_FAILED}) is not acknowledged: the bridge offers the
 *       same message again later, so the implementation must not modify {@code payload}.</li>
 * </ul>
 */
@FunctionalInterface
public interface BridgeIngest {

    /**
     * @param topic   the topic the message was published on (the shared-subscription prefix is not part of it)
     * @param payload the payload bytes; read-only, the same array may be offered again
     * @param done    receives the outcome exactly once
     */
    void ingest(String topic, byte[] payload, Consumer<IngestResult> done);
}
