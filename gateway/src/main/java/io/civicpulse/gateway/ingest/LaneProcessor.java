// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import java.util.List;

/**
 * The work of one lane: evaluate rules and hand readings to the store. One instance per lane, called only by that
 * lane's thread, so it may keep per-lane state (its Drools session) without locks.
 */
public interface LaneProcessor extends AutoCloseable {

    /**
     * Processes a batch in arrival order. Must call every item's {@code done} exactly once, now or later.
     *
     * @param batch readings in per-device order, never empty
     */
    void process(List<LaneItem> batch);

    /**
     * Lets time-driven work run (rule durations, silent devices) while no readings arrive.
     *
     * @param nowMillis the gateway clock in epoch milliseconds
     */
    void tick(long nowMillis);

    /**
     * A device of this lane lost its connection without DISCONNECT (its Last Will was published).
     *
     * @param deviceId  the device
     * @param atMillis  when, on the gateway clock, in epoch milliseconds
     */
    void deviceOffline(String deviceId, long atMillis);

    /**
     * The gateway accepted an MQTT connection of a device of this lane.
     *
     * @param deviceId the device
     * @param atMillis when, on the gateway clock, in epoch milliseconds
     */
    void deviceConnected(String deviceId, long atMillis);

    /**
     * The gateway refused a payload of a registered device of this lane as invalid.
     *
     * @param deviceId the device
     * @param atMillis when, on the gateway clock, in epoch milliseconds
     * @param reason   why, in words
     */
    void payloadRejected(String deviceId, long atMillis, String reason);

    /** Releases the lane's resources. */
    @Override
    void close();
}
