// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * The rung row already exists: another scheduler (maybe on another gateway instance) fired it. Thrown inside the
 * transaction so that everything it would have written rolls back; the caller skips the rung.
 */
public final class RungAlreadyFiredException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param what timer and rung */
    public RungAlreadyFiredException(final String what) {
        super(what + " already fired", null, false, false);
    }
}
