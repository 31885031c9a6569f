// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.fleet;

import io.civicpulse.gateway.ingest.LaneItem;
import io.civicpulse.gateway.ingest.LaneProcessor;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Last seen from the lanes, and from the store for readings older than the gateway. The store here is a list that
 * keeps the {@link TelemetryStore#history} contract (range, ascending, the earliest {@code limit}); what is tested is
 * the search over it, not a database.
 */
class DeviceActivityTest {
    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Device BIN = new Device("bin-001", "bin", "lakeside", "x", 10, 30, 120, "north", "");
    private static final Duration HOUR = Duration.ofHours(1);

    private final ListStore store = new ListStore();
    private final DeviceActivity activity = new DeviceActivity(store);

    @Test
    void watch_recordsTheNewestReadingOfABatch_andPassesTheBatchOn() {
        // given
        final List<List<LaneItem>> passed = new ArrayList<>();
        final LaneProcessor lane = activity.watch(new Recording(passed, new ArrayList<>()));
        final List<LaneItem> batch = List.of(new LaneItem(reading(NOW.minusSeconds(3)), r -> { }),
                new LaneItem(List.of(reading(NOW.minusSeconds(1)), reading(NOW.minusSeconds(2))), r -> { }));

        // when
        lane.process(batch);

        // then
        assertThat(passed).containsExactly(batch);
        assertThat(activity.lastSeen(BIN, NOW, HOUR)).contains(NOW.minusSeconds(1));
    }

    @Test
    void watch_passesEveryDeviceReportOn_soTheRulesHearOfDropsConnectsAndRejections() {
        // given
        final List<String> reports = new ArrayList<>();
        final LaneProcessor lane = activity.watch(new Recording(new ArrayList<>(), reports));

        // when
        lane.deviceOffline("bin-1", 1);
        lane.deviceConnected("bin-1", 2);
        lane.payloadRejected("bin-1", 3, "fill_pct is not a number");

        // then
        assertThat(reports).containsExactly("offline bin-1@1", "connected bin-1@2",
                "rejected bin-1@3 fill_pct is not a number");
    }

    @Test
    void lastSeen_onlyInTheStore_isFoundByWideningWindows_andLookedUpOnce() {
        // given: readings until 25 minutes ago
        for (int m = 60; m >= 25; m--) {
            store.readings.add(new StoredReading(NOW.minus(Duration.ofMinutes(m)), m, Map.of()));
        }

        // when
        final Optional<Instant> first = activity.lastSeen(BIN, NOW, HOUR);
        final int queries = store.queries;
        final Optional<Instant> again = activity.lastSeen(BIN, NOW, HOUR);

        // then: 20 s, 160 s, 1280 s and 10240 s windows back; the second answer is from memory
        assertThat(first).contains(NOW.minus(Duration.ofMinutes(25)));
        assertThat(queries).isEqualTo(4);
        assertThat(again).isEqualTo(first);
        assertThat(store.queries).isEqualTo(queries);
    }

    @Test
    void lastSeen_moreReadingsInAWindowThanAPage_pagesForwardToTheNewest() {
        // given: 20,500 readings a millisecond apart, all in the first window (the last 20 s, and 1 s of clock skew)
        final Instant start = NOW.minusMillis(19_500);
        for (int i = 0; i < 20_500; i++) {
            store.readings.add(new StoredReading(start.plusMillis(i), i, Map.of()));
        }

        // then: three pages of at most 10,000
        assertThat(activity.lastSeen(BIN, NOW, HOUR)).contains(start.plusMillis(20_499));
        assertThat(store.queries).isEqualTo(3);
    }

    @Test
    void lastSeen_nothingWithinTheLookback_isEmpty_andAFailingStoreIsAskedAgain() {
        store.readings.add(new StoredReading(NOW.minus(Duration.ofHours(2)), 1, Map.of()));
        assertThat(activity.lastSeen(BIN, NOW, HOUR)).isEmpty();

        final DeviceActivity failing = new DeviceActivity(store);
        store.failing = true;
        assertThat(failing.lastSeen(BIN, NOW, Duration.ofHours(3))).isEmpty();
        store.failing = false;
        assertThat(failing.lastSeen(BIN, NOW, Duration.ofHours(3))).contains(NOW.minus(Duration.ofHours(2)));
    }

    private static Reading reading(final Instant at) {
        return new Reading("lakeside", "bin", BIN.id(), at.toEpochMilli(), 1, Map.of("fill_pct", 10.0));
    }

    /** Readings of one device in time order, answered by the history contract. */
    private static final class ListStore implements TelemetryStore {
        private final List<StoredReading> readings = new ArrayList<>();
        private int queries;
        private boolean failing;

        @Override
        public void write(final List<Reading> batch) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public List<StoredReading> history(final String deviceType, final String deviceId, final Instant from,
                                           final Instant to, final int limit) throws TelemetryStoreException {
            queries++;
            if (failing) {
                throw new TelemetryStoreException("store down", null);
            }
            return readings.stream().sorted((a, b) -> a.timestamp().compareTo(b.timestamp()))
                    .filter(r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(to)).limit(limit).toList();
        }

        @Override
        public void close() {
        }
    }

    /** A lane that keeps what it was given. */
    private record Recording(List<List<LaneItem>> passed, List<String> reports) implements LaneProcessor {
        @Override
        public void process(final List<LaneItem> batch) {
            passed.add(batch);
        }

        @Override
        public void tick(final long nowMillis) {
        }

        @Override
        public void deviceOffline(final String deviceId, final long atMillis) {
            reports.add("offline " + deviceId + "@" + atMillis);
        }

        @Override
        public void deviceConnected(final String deviceId, final long atMillis) {
            reports.add("connected " + deviceId + "@" + atMillis);
        }

        @Override
        public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
            reports.add("rejected " + deviceId + "@" + atMillis + " " + reason);
        }

        @Override
        public void close() {
        }
    }
}
