// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.MqttProtocol;
import io.civicpulse.simulators.payload.PayloadFormat;
import io.civicpulse.simulators.registry.FleetShape;
import java.time.Duration;

/**
 * The fleet a scenario runs: which devices (the registry the gateway loads must know them: same seed and
 * community), how often they report and how they speak.
 *
 * @param shape seed, counts and community
 * @param interval time between two readings of a device
 * @param protocol MQTT version
 * @param qos 0 or 1
 * @param client MQTT client library
 * @param format wire format of the readings
 * @param nightWindow when streetlights are lit, or null to follow the sun at each lamp's position
 */
public record ScenarioFleet(FleetShape shape, Duration interval, MqttProtocol protocol, int qos, MqttClientKind client,
                            PayloadFormat format, NightWindow nightWindow) {
}
