// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

/** Whether an anomaly begins or ends. */
public enum AnomalyStatus {
    /** The condition held long enough: open or update an issue. */
    RAISED,
    /** The condition ended (with hysteresis): start verification of the issue. */
    CLEARED
}
