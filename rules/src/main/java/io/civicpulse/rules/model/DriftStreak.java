// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import io.civicpulse.rules.engine.DeviceHealthLimits;
import io.civicpulse.rules.engine.Evidence;

import java.util.Objects;

/**
 * DV-03 (clock drift) bookkeeping of one device: how many judged readings in a row had their stamp off the
 * gateway's receive time by more than the raise limit ({@code over}), or within the clear limit ({@code under}).
 *
 * <p>Immutable; at most one per device, replaced by the DV-03 rules once per reading. Not every reading is judged
 * (see {@link #next}): one without a receive time, one stamped at or before the newest reading so far (late,
 * re-sent), and one of a backlog the device uploads after an outage (stamped behind, but arriving much faster than
 * its stamps advance) leave the streak as it is, so a delivery delay is not taken for a wrong clock.
 *
 * @param deviceId     device id, never null
 * @param over         judged readings in a row drifted by more than the raise limit
 * @param under        judged readings in a row within the clear limit
 * @param offsetMillis the last judged reading's stamp minus its receive time, in milliseconds (negative: behind)
 * @param drifting     true when {@code over} reached the raise count
 * @param settled      true when {@code under} reached the clear count
 * @param newest       the reading with the latest stamp among those with a receive time, or null: late and
 *                     backlog readings are recognised against it
 * @param counted      the reading this state already counts, or null
 */
public record DriftStreak(String deviceId, int over, int under, long offsetMillis, boolean drifting,
                          boolean settled, Reading newest, Reading counted) {

    /** @throws NullPointerException if the id is null */
    public DriftStreak {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
    }

    /**
     * @param deviceId a device id
     * @return a streak that has counted nothing yet
     */
    public static DriftStreak start(final String deviceId) {
        return new DriftStreak(deviceId, 0, 0, 0L, false, false, null, null);
    }

    /**
     * @param reading the reading being evaluated, never null
     * @param limits  the device's limits, never null
     * @return the streak with {@code reading} counted: a reading over the raise limit adds to {@code over} and ends
     *     the clear streak, one within the clear limit the reverse, one in between ends both; an unjudged one
     *     changes nothing but {@code newest} and {@code counted}
     */
    public DriftStreak next(final Reading reading, final DeviceHealthLimits limits) {
        if (!reading.hasReceivedMillis()) {
            return new DriftStreak(deviceId, over, under, offsetMillis, drifting, settled, newest, reading);
        }
        final boolean late = newest != null && reading.getTimestampMillis() <= newest.getTimestampMillis();
        final Reading newNewest = late ? newest : reading;
        if (late || backlog(reading, limits)) {
            return new DriftStreak(deviceId, over, under, offsetMillis, drifting, settled, newNewest, reading);
        }
        final long offset = reading.clockOffsetMillis();
        final long drift = Math.abs(offset);
        final int newOver = drift > limits.clockDriftMillis() ? over + 1 : 0;
        final int newUnder = drift <= limits.clockDriftClearMillis() ? under + 1 : 0;
        return new DriftStreak(deviceId, newOver, newUnder, offset, newOver >= limits.clockDriftReadings(),
                newUnder >= limits.clockDriftClearReadings(), newNewest, reading);
    }

    /** Stamped behind, and arriving in less than half the time its stamp advanced past the newest reading. */
    private boolean backlog(final Reading reading, final DeviceHealthLimits limits) {
        if (newest == null || reading.clockOffsetMillis() >= -limits.clockDriftMillis()) {
            return false;
        }
        final long stampStep = reading.getTimestampMillis() - newest.getTimestampMillis();
        final long arrivalStep = reading.getReceivedMillis() - newest.getReceivedMillis();
        return arrivalStep * 2 < stampStep;
    }

    /** @return the drift in words: {@code "5 min behind"} or {@code "3 min 10 s ahead of"} */
    public String describeOffset() {
        final long drift = Math.abs(offsetMillis);
        return Evidence.duration(drift) + (offsetMillis < 0 ? " behind" : " ahead of");
    }
}
