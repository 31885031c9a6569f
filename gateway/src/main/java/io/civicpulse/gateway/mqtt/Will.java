// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

/**
 * A Last Will kept with its session (MQTT 5 §3.1.2.5).
 *
 * @param message      the will message
 * @param delaySeconds MQTT 5 Will Delay Interval in seconds; 0 publishes at once
 */
record Will(BrokerMessage message, long delaySeconds) {
}
