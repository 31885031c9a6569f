// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/** The fleet's shared counters; updated from publishing and Paho threads, so everything is atomic. */
final class FleetCounters {

    final AtomicInteger connected = new AtomicInteger();
    final LongAdder sent = new LongAdder();
    final LongAdder acked = new LongAdder();
    final LongAdder rejected = new LongAdder();
    final LongAdder errors = new LongAdder();
    final LongAdder skipped = new LongAdder();
    private final AtomicReference<String> lastError = new AtomicReference<>("");

    void error(final String deviceId, final String description) {
        errors.increment();
        lastError.set(deviceId + ": " + description);
    }

    void rejected(final String deviceId, final int reasonCode) {
        rejected.increment();
        lastError.set(deviceId + ": publish refused with reason 0x" + Integer.toHexString(reasonCode));
    }

    void note(final String deviceId, final String description) {
        lastError.set(deviceId + ": " + description);
    }

    FleetStatistics snapshot(final int devices) {
        return new FleetStatistics(devices, connected.get(), sent.sum(), acked.sum(), rejected.sum(), errors.sum(),
                skipped.sum(), lastError.get());
    }
}
