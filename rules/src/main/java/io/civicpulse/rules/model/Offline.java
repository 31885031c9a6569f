// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * A device lost its connection and has not sent a reading stamped after that since: while it exists, DV-01 stays
 * raised for the device and only such a reading clears it.
 *
 * <p>Immutable; at most one per device. The DV-01 rules insert it when a {@link ConnectionLost} arrives and delete it
 * together with the DV-01 {@link ActiveAnomaly} when the device is heard from again.
 *
 * @param deviceId    device id, never null
 * @param sinceMillis the offline instant in epoch milliseconds: the reported time, but no later than the session
 *                    clock and no earlier than the device was last heard ({@link DeviceState#lastSeenMillis()})
 */
public record Offline(String deviceId, long sinceMillis) {

    /** @throws NullPointerException if the id is null */
    public Offline {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
    }

    /**
     * @param lost        the gateway's report, never null
     * @param state       the device's state when the report arrives, never null
     * @param clockMillis the session clock, in epoch milliseconds
     * @return the device offline since {@code max(state.lastSeenMillis(), min(lost.atMillis(), clockMillis))}
     */
    public static Offline of(final ConnectionLost lost, final DeviceState state, final long clockMillis) {
        return new Offline(lost.deviceId(), Math.max(state.lastSeenMillis(), Math.min(lost.atMillis(), clockMillis)));
    }
}
