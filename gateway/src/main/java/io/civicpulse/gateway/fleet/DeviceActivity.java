// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.ingest.LaneItem;
import io.civicpulse.gateway.ingest.LaneProcessor;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.model.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The newest reading time of each device. Every reading passes the ingest lanes, so a lane wrapped by
 * {@link #watch} keeps this current at the cost of one map update per reading. Readings from before the gateway
 * started are looked up once per device in the time-series store, going back {@code lookback} at most.
 *
 * <p>Thread-safe: lanes record concurrently, HTTP threads read.
 */
public final class DeviceActivity {
    /** Each store look-up covers this many times the previous window, starting at two reporting intervals. */
    private static final int WIDEN = 8;
    private static final int PAGE = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(DeviceActivity.class);

    private final ConcurrentMap<String, Long> newest = new ConcurrentHashMap<>();
    private final Set<String> lookedUp = ConcurrentHashMap.newKeySet();
    private final TelemetryStore store;

    /** @param store the reading history, for readings from before the gateway started; never null */
    public DeviceActivity(final TelemetryStore store) {
        this.store = Objects.requireNonNull(store, "store must not be null.");
    }

    /**
     * @param lane a lane's processor, never null
     * @return the same processor, recording each reading's time here first
     */
    public LaneProcessor watch(final LaneProcessor lane) {
        Objects.requireNonNull(lane, "lane must not be null.");
        return new LaneProcessor() {
            @Override
            public void process(final List<LaneItem> batch) {
                for (final LaneItem item : batch) {
                    item.readings().forEach(DeviceActivity.this::record);
                }
                lane.process(batch);
            }

            @Override
            public void tick(final long nowMillis) {
                lane.tick(nowMillis);
            }

            @Override
            public void deviceOffline(final String deviceId, final long atMillis) {
                lane.deviceOffline(deviceId, atMillis);
            }

            @Override
            public void deviceConnected(final String deviceId, final long atMillis) {
                lane.deviceConnected(deviceId, atMillis);
            }

            @Override
            public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
                lane.payloadRejected(deviceId, atMillis, reason);
            }

            @Override
            public void close() {
                lane.close();
            }
        };
    }

    /** @param reading a reading that reached a lane */
    void record(final Reading reading) {
        newest.merge(reading.getDeviceId(), reading.getTimestampMillis(), Math::max);
    }

    /**
     * @param device   a registered device
     * @param now      the current time
     * @param lookback how far back the store is searched the first time the device is asked about
     * @return the time of the device's newest reading, or empty when none is known within the look-back
     */
    public Optional<Instant> lastSeen(final Device device, final Instant now, final Duration lookback) {
        if (lookedUp.add(device.id())) {
            try {
                newestStored(device, now, lookback).ifPresent(t -> newest.merge(device.id(), t, Math::max));
            } catch (final TelemetryStoreException | RuntimeException e) {
                // The store is down or slow: show what the lanes saw and ask again next time.
                lookedUp.remove(device.id());
                LOG.warn("Last reading of {} not read from the store: {}", device.id(), e.getMessage());
            }
        }
        return Optional.ofNullable(newest.get(device.id())).map(Instant::ofEpochMilli);
    }

    /** Searches back in widening windows, so a device that reports gives its answer from a small range. */
    private Optional<Long> newestStored(final Device device, final Instant now, final Duration lookback)
            throws TelemetryStoreException {
        final Instant limit = now.minus(lookback);
        Instant to = now.plusSeconds(1);
        Duration span = Duration.ofSeconds(2L * Math.max(1, device.intervalSeconds()));
        while (to.isAfter(limit)) {
            final Instant from = to.minus(span).isBefore(limit) ? limit : to.minus(span);
            final Optional<Long> last = newestIn(device, from, to);
            if (last.isPresent()) {
                return last;
            }
            to = from;
            span = span.multipliedBy(WIDEN);
        }
        return Optional.empty();
    }

    /** The store answers the earliest readings of a range first: page forward to the newest. */
    private Optional<Long> newestIn(final Device device, final Instant from, final Instant to)
            throws TelemetryStoreException {
        Instant start = from;
        Long last = null;
        while (true) {
            final List<StoredReading> page = store.history(device.type(), device.id(), start, to, PAGE);
            if (page.isEmpty()) {
                return Optional.ofNullable(last);
            }
            final Instant newestOfPage = page.get(page.size() - 1).timestamp();
            last = newestOfPage.toEpochMilli();
            if (page.size() < PAGE) {
                return Optional.of(last);
            }
            start = newestOfPage.plusMillis(1);
        }
    }
}
