// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import io.civicpulse.rules.model.ThresholdCondition;

import java.util.List;
import java.util.Objects;

/**
 * One Drools STREAM session on a pseudo clock.
 *
 * <p>Not thread-safe: exactly one thread (the gateway's lane worker, or a test) drives a session. The clock only
 * moves forward. What moves it is the session's {@link ClockSource}: readings, {@link #deviceOffline(String, long)}
 * and {@link #advanceTo(long)} (to the latest time seen), or {@link #advanceTo(long)} alone.
 */
public interface RuleSession extends AutoCloseable {

    /**
     * Registers a device so rules can judge its silence. Re-registering a device replaces its profile.
     *
     * @param profile the device, never null
     */
    void register(DeviceProfile profile);

    /**
     * Replaces the session's threshold conditions ({@code threshold.drl}); a session opens with
     * {@link ThresholdConditions#defaults()}. Pending and raised anomalies of the old conditions stay as they are.
     *
     * @param conditions the new set, checked by {@link ThresholdConditions#validate(List)}, never null
     * @throws IllegalArgumentException if the set is inconsistent
     * @throws UnsupportedOperationException if the session has no threshold rules (test doubles)
     */
    default void replaceConditions(final List<ThresholdCondition> conditions) {
        // A default, so sessions that hold no threshold rules (test doubles) need not implement it.
        throw new UnsupportedOperationException("this session has no threshold conditions");
    }

    /**
     * Evaluates readings in order, each on its own event time, and hands the resulting anomalies to the listener
     * before returning. The rules fire per reading (and once more for the batch), because a device's next reading
     * must see the state its previous one left.
     *
     * @param readings readings in per-device order, never null
     */
    void process(List<Reading> readings);

    /**
     * Tells the rules that a device's connection dropped without DISCONNECT (the gateway publishes its MQTT Last
     * Will), so DV-01 (device silent) is raised at once instead of after its silence window, and hands the resulting
     * anomalies to the listener before returning.
     *
     * <p>For a device the session knows (registered, or heard from), DV-01 is RAISED with the detail
     * {@code "connection lost without DISCONNECT (last will)"}, dated at the <em>offline instant</em>
     * {@code max(last seen, min(atMillis, now()))}: never before the device was last heard (its latest reading, or
     * its registration) and never ahead of the session clock. Under {@link ClockSource#EVENTS} the call first moves
     * the clock to {@code atMillis}, as a reading does (time-driven rules fire first), so the instant is
     * {@code atMillis} unless the device was heard later. Under {@link ClockSource#EXTERNAL} it leaves the clock
     * where it is: call {@link #advanceTo(long)} with {@code atMillis} first to date it exactly. If DV-01 is already
     * raised (the device was silent, or an earlier call) nothing is emitted; a repeated call keeps the first instant.
     *
     * <p>While the device is offline, DV-01 is cleared only by a reading stamped strictly after the offline instant
     * that also ends the silence at the current clock, with the detail {@code "reading received after <duration>
     * offline"}, dated like any DV-01 clear (the reading, as last seen). A late reading stamped at or before the
     * offline instant clears nothing. After the clear the usual silence rule applies again.
     *
     * <p>An unknown device id (neither registered nor heard from in this session) is ignored: no exception, no
     * verdict, and the clock does not move. The session keeps at most one offline marker per device, however often
     * this is called.
     *
     * @param deviceId the device whose connection dropped, never null
     * @param atMillis when it dropped, in epoch milliseconds on the gateway's clock
     * @throws NullPointerException if {@code deviceId} is null
     */
    void deviceOffline(String deviceId, long atMillis);

    /**
     * Tells the rules that the gateway accepted an MQTT connection of the device (CONNACK sent), and hands the
     * resulting anomalies to the listener before returning. DV-05 (connection flapping) clears once the device has
     * stayed connected for its quiet period without a {@link #deviceOffline(String, long) drop}; each drop also
     * counts towards raising DV-05, and while DV-05 is raised a drop raises no DV-01.
     *
     * <p>The clock is handled as in {@link #deviceOffline(String, long)}: under {@link ClockSource#EVENTS} the call
     * first moves it to {@code atMillis}; under {@link ClockSource#EXTERNAL} call {@link #advanceTo(long)} first. An
     * unknown device id (neither registered nor heard from) is ignored: no exception, no verdict, no clock move.
     * Sessions without device-health rules (test doubles) ignore the call.
     *
     * @param deviceId the device that connected, never null
     * @param atMillis when, in epoch milliseconds on the gateway's clock
     * @throws NullPointerException if {@code deviceId} is null
     */
    default void deviceConnected(final String deviceId, final long atMillis) {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
    }

    /**
     * Tells the rules that the gateway refused a payload of the device as invalid (it did not decode, a field was
     * missing or out of range, its time lay too far ahead), and hands the resulting anomalies to the listener before
     * returning.
     *
     * <p>DV-04 (schema violations) is RAISED when the device's refusals reach the configured count within the
     * configured window, dated at {@code atMillis} of the refusal that completed the count, with the detail
     * {@code "<count> payloads refused within <window>; last: <reason>"}. It CLEARS at the first valid reading
     * received (or, without a receive time, stamped) at least the configured clear period after the latest refusal,
     * dated at that reading. The clock is handled as in {@link #deviceOffline(String, long)}. An unknown device id
     * (neither registered nor heard from) is ignored: no exception, no verdict, no clock move. Sessions without
     * device-health rules (test doubles) ignore the call.
     *
     * @param deviceId the device whose payload was refused, never null
     * @param atMillis when, in epoch milliseconds on the gateway's clock
     * @param reason   why, in words (shown as the evidence), never null
     * @throws NullPointerException if {@code deviceId} or {@code reason} is null
     */
    default void payloadRejected(final String deviceId, final long atMillis, final String reason) {
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(reason, "reason must not be null.");
    }

    /**
     * Moves the pseudo clock to {@code epochMillis} (if later than now) and fires time-driven rules
     * (durations that elapsed, silent devices). Under {@link ClockSource#EXTERNAL} this is the only way time passes.
     *
     * @param epochMillis wall-clock or test time in epoch milliseconds
     */
    void advanceTo(long epochMillis);

    /** @return the session's current time in epoch milliseconds */
    long now();

    /** Disposes the Drools session. */
    @Override
    void close();
}
