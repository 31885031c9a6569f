// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Faults a simulated device can be told to develop, each for one device type. */
public enum FaultKind {
    /** The lamp stays dark at night: current and power 0 while it should be lit. */
    LAMP_OUT("lamp-out", DeviceType.STREETLIGHT),
    /** The fill level jumps to 95 % and no collection empties it. */
    BIN_FULL("bin-full", DeviceType.BIN),
    /** The temperature inside the bin jumps above 80 °C and keeps rising. */
    BIN_FIRE("bin-fire", DeviceType.BIN),
    /** The fill sensor's battery reads 8 %. */
    BATTERY_LOW("battery-low", DeviceType.BIN),
    /** The gate is held open: door_open stays 1. */
    GATE_HELD("gate-held", DeviceType.GATE);

    private final String label;
    private final DeviceType deviceType;

    FaultKind(final String label, final DeviceType deviceType) {
        this.label = label;
        this.deviceType = deviceType;
    }

    /** The name used on the command line, e.g. {@code lamp-out}. */
    public String label() {
        return label;
    }

    /** The device type this fault applies to. */
    public DeviceType deviceType() {
        return deviceType;
    }

    /**
     * The fault called {@code label}.
     *
     * @throws IllegalArgumentException naming the label and listing the known faults
     */
    public static FaultKind fromLabel(final String label) {
        for (final FaultKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + label + "'; known faults: " + knownLabels());
    }

    /** All labels, comma-separated, for help and error texts. */
    public static String knownLabels() {
        return Arrays.stream(values()).map(FaultKind::label).collect(Collectors.joining(", "));
    }
}
