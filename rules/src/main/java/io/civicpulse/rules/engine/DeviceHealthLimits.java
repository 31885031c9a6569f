// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

/**
 * Thresholds of the device-health rules DV-03 (clock drift), DV-04 (schema violations) and DV-05 (connection
 * flapping), for all devices or for one ({@link DeviceHealthParameters}). Each has a raise and a lower clear
 * condition (hysteresis). Immutable.
 *
 * @param clockDriftMillis        DV-03 counts a reading whose stamp differs from its receive time by more than this
 *                                (milliseconds, either direction) ...
 * @param clockDriftReadings      ... and raises after this many such readings in a row
 * @param clockDriftClearMillis   a reading within this (milliseconds) of its receive time counts towards the clear;
 *                                at most {@code clockDriftMillis}
 * @param clockDriftClearReadings DV-03 clears after this many such readings in a row
 * @param rejections              DV-04 raises at this many refused payloads of the device ...
 * @param rejectionWindowMillis   ... within this window (milliseconds, gateway clock)
 * @param rejectionClearMillis    DV-04 clears at a valid reading received at least this long (milliseconds) after
 *                                the last refusal
 * @param flapDisconnects         DV-05 raises at more than this many connection drops (Last Will) ...
 * @param flapWindowMillis        ... within this window (milliseconds, gateway clock)
 * @param flapQuietMillis         DV-05 clears once the device has stayed connected this long (milliseconds)
 */
public record DeviceHealthLimits(
        long clockDriftMillis,
        int clockDriftReadings,
        long clockDriftClearMillis,
        int clockDriftClearReadings,
        int rejections,
        long rejectionWindowMillis,
        long rejectionClearMillis,
        int flapDisconnects,
        long flapWindowMillis,
        long flapQuietMillis) {

    /** @throws IllegalArgumentException naming the limit that is out of range */
    public DeviceHealthLimits {
        positive("clockDriftMillis", clockDriftMillis);
        positive("clockDriftReadings", clockDriftReadings);
        positive("clockDriftClearReadings", clockDriftClearReadings);
        positive("rejections", rejections);
        positive("rejectionWindowMillis", rejectionWindowMillis);
        positive("rejectionClearMillis", rejectionClearMillis);
        positive("flapDisconnects", flapDisconnects);
        positive("flapWindowMillis", flapWindowMillis);
        positive("flapQuietMillis", flapQuietMillis);
        if (clockDriftClearMillis < 0 || clockDriftClearMillis > clockDriftMillis) {
            throw new IllegalArgumentException("clockDriftClearMillis (" + clockDriftClearMillis
                    + ") must be from 0 to clockDriftMillis (" + clockDriftMillis + ")");
        }
    }

    /**
     * @return the defaults documented in {@code config/gateway.yaml}: drift over 2 min in 3 readings in a row
     *     (clear: within 30 s in 3 in a row); 3 refusals within 10 min (clear: a valid reading 10 min after the last
     *     one); more than 3 drops within 10 min (clear: connected for 15 min)
     */
    public static DeviceHealthLimits defaults() {
        return new DeviceHealthLimits(120_000L, 3, 30_000L, 3, 3, 600_000L, 600_000L, 3, 600_000L, 900_000L);
    }

    private static void positive(final String name, final long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
    }
}
