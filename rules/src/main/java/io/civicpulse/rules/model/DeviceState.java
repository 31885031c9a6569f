// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.model;

import java.util.Objects;

/**
 * What the session knows of one device across readings: when it was last heard of (on the session clock), how long
 * it may stay quiet, its latest reading and the one before it.
 *
 * <p>Immutable; the session keeps exactly one per device and replaces it just <em>before</em> the rules fire for a
 * new reading, so while a reading is evaluated {@code latest} is that reading and {@code previous} the one before
 * it (what "rise versus the previous reading" needs), and {@code lastSeenMillis} already counts it (what "the
 * device is no longer silent" needs).
 *
 * @param community      community of the device, never null
 * @param deviceType     device type, never null
 * @param deviceId       device id, never null
 * @param lastSeenMillis latest instant the device is known to have been alive, in epoch milliseconds: the largest
 *                       {@code min(reading event time, session clock at arrival)} over its readings, or its
 *                       registration time if it has not sent one yet. When readings move the clock this is the
 *                       latest event time; a reading stamped ahead of an external clock counts as heard at that
 *                       clock, so it never lies ahead of the session's time. A late reading never moves it
 *                       backwards
 * @param silenceMillis  how long (milliseconds) it may send nothing before it counts as silent: the rule
 *                       parameters' intervals times its expected interval, {@link Long#MAX_VALUE} if unregistered
 * @param latest         the reading received last (arrival order), or null if none
 * @param previous       the reading received before {@code latest}, or null if none
 */
public record DeviceState(String community, String deviceType, String deviceId, long lastSeenMillis,
                          long silenceMillis, Reading latest, Reading previous) {

    /** @throws NullPointerException if an id is null */
    public DeviceState {
        Objects.requireNonNull(community, "community must not be null.");
        Objects.requireNonNull(deviceType, "deviceType must not be null.");
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
    }

    /**
     * @param profile       the registered device, never null
     * @param atMillis      registration time in epoch milliseconds; silence is measured from it until a reading
     * @param silenceMillis see {@link #silenceMillis()}
     * @return the state of a device that has not sent anything yet
     */
    public static DeviceState registered(final DeviceProfile profile, final long atMillis, final long silenceMillis) {
        return new DeviceState(profile.getCommunity(), profile.getDeviceType(), profile.getDeviceId(), atMillis,
                silenceMillis, null, null);
    }

    /**
     * @param first       the first reading of a device the session has not seen or registered, never null
     * @param clockMillis the session clock when it arrives, in epoch milliseconds
     * @return the state with that reading as the latest, no previous one, and no silence limit
     */
    public static DeviceState firstSeen(final Reading first, final long clockMillis) {
        return new DeviceState(first.getCommunity(), first.getDeviceType(), first.getDeviceId(),
                Math.min(first.getTimestampMillis(), clockMillis), Long.MAX_VALUE, first, null);
    }

    /**
     * @param reading     the newly received reading, never null
     * @param clockMillis the session clock when it arrives, in epoch milliseconds
     * @return the state with it as the latest reading
     */
    public DeviceState seen(final Reading reading, final long clockMillis) {
        final long heard = Math.min(reading.getTimestampMillis(), clockMillis);
        return new DeviceState(community, deviceType, deviceId, Math.max(lastSeenMillis, heard), silenceMillis,
                reading, latest);
    }

    /**
     * @param newSilenceMillis see {@link #silenceMillis()}
     * @return the same state with another silence limit (the device was registered or re-registered)
     */
    public DeviceState withSilence(final long newSilenceMillis) {
        return new DeviceState(community, deviceType, deviceId, lastSeenMillis, newSilenceMillis, latest, previous);
    }

    /**
     * @return the instant (epoch milliseconds) from which the device counts as silent, saturated at
     *     {@link Long#MAX_VALUE}; a single value so Drools can range-index the DV-01 join with {@link Now}
     */
    public long silentAfterMillis() {
        return lastSeenMillis > Long.MAX_VALUE - silenceMillis ? Long.MAX_VALUE : lastSeenMillis + silenceMillis;
    }

    /**
     * @param metric metric name
     * @return true when there is a previous reading and it carried the metric
     */
    public boolean previousHas(final String metric) {
        return previous != null && previous.has(metric);
    }

    /**
     * @param metric metric name
     * @return the metric in the previous reading, or {@code NaN} when there is none; guard with
     *     {@link #previousHas(String)} in DRL, where compiled comparisons with NaN are not reliably false
     */
    public double previousValue(final String metric) {
        return previous == null ? Double.NaN : previous.value(metric);
    }
}
