// SPDX-License-Identifier: Apache-2.0
/**
 * The broker bridge: consumes an existing MQTT broker (Mosquitto, EMQX, HiveMQ, a LoRaWAN network server) through
 * MQTT 5 shared subscriptions and feeds every message into the same ingest path as the gateway's own listener,
 * acknowledging it only once the reading is durably accepted.
 *
 * <p>{@link io.civicpulse.gateway.bridge.BrokerBridge} owns the Paho client and the connection;
 * {@link io.civicpulse.gateway.bridge.BridgeIngest} is the one function it calls per message, so payload formats
 * can be routed without touching the connection logic.
 */
package io.civicpulse.gateway.bridge;
