// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

/** A scenario file that cannot be run: the message names the file, the field and the problem. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message the file, the field and the problem */
    public ScenarioException(final String message) {
        super(message);
    }
}
