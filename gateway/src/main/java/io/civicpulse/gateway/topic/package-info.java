// SPDX-License-Identifier: Apache-2.0
/**
 * MQTT topic names and filters, shared by the broker, the payload-format router and the bridge configuration, so
 * none of them depends on another for it.
 */
package io.civicpulse.gateway.topic;
