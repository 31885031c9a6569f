// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.time.Instant;
import java.util.List;

/**
 * The time-series store behind the telemetry writer: one table (measurement) per device type, one row per reading;
 * see {@link TelemetrySchema} for the naming rules every implementation shares.
 *
 * <p>Implementations are thread-safe. Calls block the calling thread on I/O: never call them on a Netty event
 * loop (the {@link TelemetryWriter} calls {@link #write} on its own store thread). A write that fails for a reason
 * other than the data itself must be reported as retryable: the writer then spools the readings; a non-retryable
 * failure makes it quarantine them.
 */
public interface TelemetryStore extends AutoCloseable {

    /**
     * Writes the readings in one request. When this returns, the store has acknowledged them: they survive a
     * crash of the gateway process (see the implementation for what a crash of the machine does).
     *
     * @param readings the readings, in any mix of device types; never null; an empty list is a no-op
     * @throws TelemetryStoreException  if the store did not acknowledge the write; then none of the readings may
     *                                  be assumed stored (a retry may store some twice)
     * @throws IllegalArgumentException if a reading breaks {@link TelemetrySchema#validate}; nothing is written
     */
    void write(List<Reading> readings) throws TelemetryStoreException;

    /**
     * Reads the history of one device: readings with {@code from <= timestamp < to}, ascending by time, at most
     * {@code limit} of them (the earliest ones of the range). Sees every write acknowledged before the call.
     *
     * @param deviceType device type, must match {@link TelemetrySchema#NAME_PATTERN}
     * @param deviceId   device id, never null
     * @param from       inclusive start of the range, never null
     * @param to         exclusive end of the range, never null; a range with {@code to <= from} is empty
     * @param limit      maximum number of readings, at least 1
     * @return the readings, possibly empty (also for an unknown device or a type never written); never null
     * @throws TelemetryStoreException  if the store could not answer
     * @throws IllegalArgumentException if the device type is invalid or the limit is below 1
     */
    List<StoredReading> history(String deviceType, String deviceId, Instant from, Instant to, int limit)
            throws TelemetryStoreException;

    /** Releases the store's connections (and stops an embedded database). Idempotent. */
    @Override
    void close();
}
