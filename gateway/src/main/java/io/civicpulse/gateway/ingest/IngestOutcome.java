// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

/**
 * What became of one PUBLISH, with the MQTT 5 PUBACK reason code that tells the device.
 */
public enum IngestOutcome {
    /** Stored durably (QoS 1 is acknowledged only now). */
    ACCEPTED((byte) 0x00),
    /** The topic matches no payload format ({@code ingest.formats}), or not the shape of its format. */
    TOPIC_INVALID((byte) 0x90),
    /**
     * The client may not publish that message (about another device, or a crew account), or the message names no
     * registered device.
     */
    NOT_AUTHORIZED((byte) 0x87),
    /** The payload is not a valid reading. */
    PAYLOAD_INVALID((byte) 0x99),
    /** A lane or the store writer is full: an explicit, counted refusal. */
    OVERLOADED((byte) 0x97),
    /** The time-series store failed the write; the reading is not acknowledged. */
    STORE_FAILED((byte) 0x80);

    private final byte reasonCode;

    IngestOutcome(final byte reasonCode) {
        this.reasonCode = reasonCode;
    }

    /** @return the MQTT 5 PUBACK reason code */
    public byte reasonCode() {
        return reasonCode;
    }

    /** @return the lower-case tag value used in metrics */
    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
