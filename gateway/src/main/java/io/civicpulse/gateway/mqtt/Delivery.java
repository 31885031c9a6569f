// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.util.List;

/**
 * One message on its way to one session: the message, the QoS it goes out with (the lower of the publish QoS and
 * the granted QoS), the RETAIN flag the subscriber sees, and the subscription identifiers of every matching
 * subscription (MQTT 5 §3.3.4).
 *
 * @param message         the message
 * @param qos             delivery QoS (0-2)
 * @param retain          RETAIN flag on the outgoing PUBLISH
 * @param subscriptionIds identifiers of the matching subscriptions; empty when none carry one
 */
record Delivery(BrokerMessage message, int qos, boolean retain, List<Integer> subscriptionIds) {
}
