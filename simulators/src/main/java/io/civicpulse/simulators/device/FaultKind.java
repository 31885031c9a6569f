// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Faults a simulated device can be told to develop, each for one device type. */
public enum FaultKind {
    /** The lamp stays dark at night: current and power 0 while it should be lit. */
    LAMP_OUT("lamp-out", DeviceType.STREETLIGHT),
    /** The lamp flickers at night: about half the readings find it dark, the current jumps. */
    LAMP_FLICKER("lamp-flicker", DeviceType.STREETLIGHT),
    /** The lamp burns by day too (a stuck relay or a lost schedule). */
    DAY_BURNING("day-burning", DeviceType.STREETLIGHT),
    /** The pole leans: tilt_deg rises from under 1° to about 12° within minutes. */
    POLE_TILT("pole-tilt", DeviceType.STREETLIGHT),
    /** Leakage current to the pole: leakage_ma jumps from under 1 mA to about 35 mA (30 mA trips an RCD). */
    LEAKAGE("leakage", DeviceType.STREETLIGHT),
    /** The fill level jumps to 95 % and no collection empties it. */
    BIN_FULL("bin-full", DeviceType.BIN),
    /** The temperature inside the bin jumps above 80 °C and keeps rising. */
    BIN_FIRE("bin-fire", DeviceType.BIN),
    /** The bin is knocked over: tilt_deg about 85°. */
    BIN_TIPPED("bin-tipped", DeviceType.BIN),
    /** The fill sensor's battery reads 8 %. */
    BATTERY_LOW("battery-low", DeviceType.BIN),
    /** The battery drains at 20 % per hour (a failing cell or a radio stuck transmitting). */
    BATTERY_DRAIN("battery-drain", DeviceType.BIN, DeviceType.GATE),
    /** The gate is held open: door_open stays 1. */
    GATE_HELD("gate-held", DeviceType.GATE),
    /** The gate is forced open: door_open 1 and forced_open 1 without a pass. */
    GATE_FORCED("gate-forced", DeviceType.GATE),
    /** A burst of refused cards or codes: 10-30 failed_access per reading (someone trying cards). */
    ACCESS_BURST("access-burst", DeviceType.GATE),
    /** The network drops: the connection is cut without DISCONNECT (the gateway publishes the Last Will) and
     *  the device reconnects after the fleet's dropout length. Needs the netty client. */
    DROPOUT("dropout", DeviceType.STREETLIGHT, DeviceType.BIN, DeviceType.GATE),
    /** The device's clock jumps 10 minutes ahead (a lost NTP sync); its timestamps stay ahead from then on. */
    CLOCK_SKEW("clock-skew", DeviceType.STREETLIGHT, DeviceType.BIN, DeviceType.GATE);

    private final String label;
    private final Set<DeviceType> deviceTypes;

    FaultKind(final String label, final DeviceType first, final DeviceType... more) {
        this.label = label;
        this.deviceTypes = Collections.unmodifiableSet(EnumSet.of(first, more));
    }

    /** Whether the fault belongs to the device itself rather than to its model (network and clock). */
    public boolean affectsConnection() {
        return this == DROPOUT || this == CLOCK_SKEW;
    }

    /** Whether this fault can be injected into a device of {@code type}. */
    public boolean appliesTo(final DeviceType type) {
        return deviceTypes.contains(type);
    }

    /** The device types this fault applies to, e.g. {@code streetlight} or {@code bin/gate}. */
    public String deviceTypeNames() {
        return deviceTypes.stream().map(DeviceType::topicName).collect(Collectors.joining("/"));
    }

    /** The name used on the command line, e.g. {@code lamp-out}. */
    public String label() {
        return label;
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
