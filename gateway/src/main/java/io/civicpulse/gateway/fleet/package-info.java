// SPDX-License-Identifier: Apache-2.0
/**
 * The fleet status behind the console's fleet page ({@code GET /api/fleet}): per registered device its last
 * reading, its MQTT connection and flags computed on the server from the issue store and the anomaly gate.
 */
package io.civicpulse.gateway.fleet;
