// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators;

import io.civicpulse.simulators.cli.SimulatorsCommand;

/** Entry point of {@code civicpulse-simulators.jar}: {@code registry}, {@code fleet} and {@code load}. */
public final class SimulatorsMain {

    private SimulatorsMain() {
    }

    public static void main(final String[] args) {
        System.exit(SimulatorsCommand.commandLine().execute(args));
    }
}
