// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import io.civicpulse.simulators.device.FaultKind;
import java.time.Duration;

/**
 * A fault a device will develop.
 *
 * @param deviceId the device
 * @param kind the fault
 * @param delay time after the fleet start at which it begins
 */
public record FaultAssignment(String deviceId, FaultKind kind, Duration delay) {
}
