// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * One application message inside the broker: what a client (or the gateway) published, independent of any
 * connection. Immutable; the payload array is never modified after construction.
 *
 * @param topic       the topic name
 * @param payload     the payload bytes
 * @param qos         the QoS it was published with (0-2)
 * @param retain      the RETAIN flag it was published with
 * @param properties  MQTT 5 properties passed through to subscribers
 * @param expiresAt   epoch milliseconds after which it is no longer delivered; 0 = never (Message Expiry Interval)
 * @param publisherId client id of the publisher (for No Local); empty for the gateway's own messages
 */
public record BrokerMessage(String topic, byte[] payload, int qos, boolean retain, PublishProperties properties,
                            long expiresAt, String publisherId) {
    /** The publisher id of messages the gateway itself publishes (alerts, commands, status). */
    public static final String GATEWAY = "";

    /**
     * @param nowMillis the current time
     * @return true when the message expiry interval has passed
     */
    public boolean expired(final long nowMillis) {
        return expiresAt > 0 && nowMillis >= expiresAt;
    }

    /**
     * @param nowMillis the current time
     * @return the remaining Message Expiry Interval in whole seconds (rounded up, at least 1), or -1 for none
     */
    public long remainingExpirySeconds(final long nowMillis) {
        if (expiresAt <= 0) {
            return -1;
        }
        return Math.max(1, (expiresAt - nowMillis + 999) / 1000);
    }
}
