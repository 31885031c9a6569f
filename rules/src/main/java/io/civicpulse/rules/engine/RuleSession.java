// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;

import java.util.List;

/**
 * One Drools STREAM session on a pseudo clock.
 *
 * <p>Not thread-safe: exactly one thread (the gateway's lane worker, or a test) drives a session. The clock only
 * moves forward. What moves it is the session's {@link ClockSource}: readings and {@link #advanceTo(long)} (to the
 * latest time seen), or {@link #advanceTo(long)} alone.
 */
public interface RuleSession extends AutoCloseable {

    /**
     * Registers a device so rules can judge its silence. Re-registering a device replaces its profile.
     *
     * @param profile the device, never null
     */
    void register(DeviceProfile profile);

    /**
     * Evaluates readings in order, each on its own event time, and hands the resulting anomalies to the listener
     * before returning. The rules fire per reading (and once more for the batch), because a device's next reading
     * must see the state its previous one left.
     *
     * @param readings readings in per-device order, never null
     */
    void process(List<Reading> readings);

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
