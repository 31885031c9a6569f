// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves by hand; thread-safe. */
final class TestClock extends Clock {
    private final AtomicLong millis;

    TestClock(final long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    long advance(final Duration d) {
        return millis.addAndGet(d.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone) {
        throw new UnsupportedOperationException("not needed in tests");
    }
}
