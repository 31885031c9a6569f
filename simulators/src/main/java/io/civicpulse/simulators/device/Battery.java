// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

/** A sensor's battery: starts at some charge and drains at a steady rate, never below empty. */
final class Battery {

    private final double drainPctPerHour;
    private double pct;

    Battery(final double startPct, final double drainPctPerHour) {
        this.pct = startPct;
        this.drainPctPerHour = drainPctPerHour;
    }

    /** Drains for {@code hours} and returns the remaining charge, percent. */
    double drain(final double hours) {
        pct = Math.max(0.0, pct - drainPctPerHour * hours);
        return pct;
    }

    /** Drains for {@code hours}, at {@code fastPctPerHour} if {@code failing} (a bad cell), and returns the charge. */
    double drain(final double hours, final boolean failing, final double fastPctPerHour) {
        pct = Math.max(0.0, pct - (failing ? fastPctPerHour : drainPctPerHour) * hours);
        return pct;
    }
}
