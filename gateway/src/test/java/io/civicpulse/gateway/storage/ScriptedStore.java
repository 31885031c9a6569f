// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store double for the writer's and the spool's logic (not a database): records every acknowledged write, and on
 * demand is down (retryable failure), holds writes until released (slow), or refuses readings of one device
 * (non-retryable, like an HTTP 400).
 */
final class ScriptedStore implements TelemetryStore {
    final List<List<Reading>> writes = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    volatile CountDownLatch entered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile boolean down;
    private volatile String refuseDevice;

    void hold() {
        entered = new CountDownLatch(1);
        gate = new CountDownLatch(1);
    }

    void release() {
        gate.countDown();
    }

    void down(final boolean isDown) {
        this.down = isDown;
    }

    void refuse(final String deviceId) {
        this.refuseDevice = deviceId;
    }

    /** @return every acknowledged reading, in the order the store acknowledged them */
    List<Reading> stored() {
        final List<Reading> all = new ArrayList<>();
        writes.forEach(all::addAll);
        return all;
    }

    /** @return the sequence numbers of {@link #stored()} */
    List<Long> storedSequences() {
        return stored().stream().map(Reading::getSequence).toList();
    }

    @Override
    public void write(final List<Reading> readings) throws TelemetryStoreException {
        attempts.incrementAndGet();
        entered.countDown();
        try {
            gate.await();
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelemetryStoreException("interrupted", e);
        }
        if (down) {
            throw new TelemetryStoreException("store down", null, true);
        }
        final String refused = refuseDevice;
        if (refused != null && readings.stream().anyMatch(r -> r.getDeviceId().equals(refused))) {
            throw new TelemetryStoreException("HTTP 400: bad line for " + refused, null, false);
        }
        writes.add(List.copyOf(readings));
    }

    @Override
    public List<StoredReading> history(final String deviceType, final String deviceId, final Instant from,
                                       final Instant to, final int limit) {
        return List.of();
    }

    @Override
    public void close() {
        release();
    }
}
