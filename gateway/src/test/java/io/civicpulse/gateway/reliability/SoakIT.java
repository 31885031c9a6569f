// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.config.DurationText;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Soak (issue 9, reliability 10; opt-in): QoS 1 load at a nominal rate for {@code civicpulse.soak.duration}
 * ({@code -Psoak}: 30 minutes; skipped when unset), from devices that disconnect and reconnect every
 * {@code civicpulse.soak.reconnectEvery} (20 s). Every acknowledged reading must be in the store, and once the clients
 * are gone the heap and the open sockets, pipes and event handles must be back near where they were before the
 * load. Heap and
 * descriptors are logged every minute so their slope can be read from the log.
 */
class SoakIT {
    private static final Logger LOG = LoggerFactory.getLogger(SoakIT.class);
    private static final int DEVICES = 20;
    /** Readings per second per device: 100 msg/s over the fleet. */
    private static final int RATE = 5;

    @TempDir
    Path dataDir;

    @Test
    void qos1LoadWithReconnects_nothingAcknowledgedLost_heapAndDescriptorsBackToBaseline() throws Exception {
        final String configured = System.getProperty("civicpulse.soak.duration", "");
        Assumptions.assumeFalse(configured.isBlank(), "the soak runs with -Psoak (or -Dcivicpulse.soak.duration=20s)");
        final Duration duration = DurationText.parse(configured);
        final Duration reconnectEvery = DurationText.parse(System.getProperty("civicpulse.soak.reconnectEvery",
                "20s"));
        final Gateway gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
        try {
            final Instant from = Instant.now().minusSeconds(60);
            final Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
            final List<String> failures = new ArrayList<>();
            runLoad(gateway, Duration.ofSeconds(3), reconnectEvery, acked, failures, 1_000_000);
            final long heapBefore = usedHeapAfterGc();
            final long fdsBefore = openDescriptors();
            LOG.info("soak: {} devices x {} msg/s for {}, reconnecting every {}; baseline heap {} MiB, "
                    + "{} sockets+pipes", DEVICES, RATE, duration, reconnectEvery, heapBefore >> 20, fdsBefore);
            runLoad(gateway, duration, reconnectEvery, acked, failures, 0);
            final long total = acked.values().stream().mapToLong(Set::size).sum();
            LOG.info("soak: {} readings acknowledged ({} msg/s), {} publish errors", total,
                    total / Math.max(1, duration.toSeconds()), failures.size());

            // every acknowledged reading is stored
            long missingTotal = 0;
            for (final Map.Entry<String, Set<Long>> e : acked.entrySet()) {
                final Set<Long> stored = new HashSet<>();
                for (final StoredReading r : gateway.telemetry().history("bin", e.getKey(), from,
                        Instant.now().plusSeconds(60), e.getValue().size() + 10_000)) {
                    stored.add(r.sequence());
                }
                final Set<Long> missing = new HashSet<>(e.getValue());
                missing.removeAll(stored);
                missingTotal += missing.size();
                assertThat(missing).as("acknowledged readings of %s missing from the store", e.getKey()).isEmpty();
            }
            assertThat(total).as("readings acknowledged").isPositive();
            LOG.info("soak: all {} acknowledged readings stored ({} missing)", total, missingTotal);

            // heap and descriptors back near the baseline once the clients are gone
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .untilAsserted(() -> {
                        assertThat(usedHeapAfterGc() >> 20).as("used heap, MiB").isLessThan((heapBefore >> 20) + 64);
                        assertThat(openDescriptors()).as("open sockets, pipes and event handles")
                                .isLessThanOrEqualTo(fdsBefore + 8);
                    });
            LOG.info("soak: heap {} MiB (baseline {}), {} sockets+pipes (baseline {})", usedHeapAfterGc() >> 20,
                    heapBefore >> 20, openDescriptors(), fdsBefore);
        } finally {
            gateway.close();
        }
    }

    /** Publishes from every device until the time is up; {@code seqBase} keeps warm-up numbers apart. */
    private static void runLoad(final Gateway gateway, final Duration duration, final Duration reconnectEvery,
                                final Map<String, Set<Long>> acked, final List<String> failures, final long seqBase)
            throws InterruptedException {
        final long end = System.nanoTime() + duration.toNanos();
        final AtomicLong lastReport = new AtomicLong(System.nanoTime());
        final List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= DEVICES; i++) {
            final String id = String.format("bin-%03d", i);
            final Thread t = new Thread(() -> device(gateway, id, end, reconnectEvery, acked, failures, seqBase),
                    "soak-" + id);
            t.start();
            threads.add(t);
        }
        while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            if (System.nanoTime() - lastReport.get() > 60_000_000_000L) {
                lastReport.set(System.nanoTime());
                LOG.info("soak: heap {} MiB, {} sockets+pipes, {} acknowledged so far", usedHeapAfterGc() >> 20,
                        openDescriptors(), acked.values().stream().mapToLong(Set::size).sum());
            }
        }
        for (final Thread t : threads) {
            t.join(60_000);
        }
    }

    private static void device(final Gateway gateway, final String id, final long end, final Duration reconnectEvery,
                               final Map<String, Set<Long>> acked, final List<String> failures, final long seqBase) {
        final Set<Long> mine = acked.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet());
        final String topic = "cp/" + GatewayTestSupport.COMMUNITY + "/bin/" + id + "/telemetry";
        long seq = seqBase + mine.size();
        while (System.nanoTime() < end) {
            final long sessionEnd = Math.min(end, System.nanoTime() + reconnectEvery.toNanos());
            try (PahoV5Client c = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), id, o -> {
                o.setUserName(id);
                o.setPassword(GatewayTestSupport.secret(id).getBytes(StandardCharsets.UTF_8));
            })) {
                while (System.nanoTime() < sessionEnd) {
                    final long s = seq++;
                    final int[] codes = c.publish(topic, "{\"ts\": " + System.currentTimeMillis() + ", \"seq\": " + s
                            + ", \"metrics\": {\"fill_pct\": 40.0}}", 1, false).getReasonCodes();
                    if (codes == null || codes.length == 0 || codes[0] == 0) {
                        mine.add(s);
                    } else {
                        failures.add(id + " seq " + s + ": 0x" + Integer.toHexString(codes[0]));
                    }
                    Thread.sleep(1_000 / RATE);
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (final Exception e) {
                failures.add(id + ": " + e);
            }
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        final Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /**
     * @return open descriptors of this JVM that are sockets, pipes or event handles (Linux; 0 where /proc is
     *         missing): what a leaked connection or thread leaves. Files are left out: the store opens files as its
     *         tables and partitions appear, a step the load causes once, not a leak.
     */
    private static long openDescriptors() {
        final File[] fds = new File("/proc/self/fd").listFiles();
        long count = 0;
        for (final File fd : fds == null ? new File[0] : fds) {
            try {
                final String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                    count++;
                }
            } catch (final IOException e) {
                // closed while listing
            }
        }
        return count;
    }
}
