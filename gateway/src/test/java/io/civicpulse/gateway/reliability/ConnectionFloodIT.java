// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 2,000 concurrent CONNECTs against a cap of 1,000 connections (lab profile: anonymous clients, so the flood is not
 * slowed by password checks): the cap holds, the rest are refused fast (CONNACK 0x97 or closed at once), and a canary
 * device connected before the flood goes on with its QoS 1 round trips throughout, none failing and none lost; its
 * p99 before and during the flood is logged (issue 9's goal: under 250 ms), not asserted, because the flood's 2,000
 * clients share this JVM and the machine's cores with the gateway. Afterwards the heap is back within 64 MiB of where
 * it was.
 */
class ConnectionFloodIT {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionFloodIT.class);
    private static final int CAP = 1_000;
    private static final int FLOOD = 2_000;

    @TempDir
    Path dataDir;

    @Test
    void twoThousandConnects_capHolds_refusalsFast_canaryUnaffected() throws Exception {
        final Gateway gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.limits.maxConnections",
                String.valueOf(CAP), "mqtt.allowAnonymous", "true"));
        final List<RawClient> clients = Collections.synchronizedList(new ArrayList<>());
        final ConcurrentLinkedQueue<Long> refusalMicros = new ConcurrentLinkedQueue<>();
        int accepted = 0;
        int refused = 0;
        final ExecutorService pool = Executors.newFixedThreadPool(100);
        final long heapBefore = usedHeapAfterGc();
        try (Canary canary = new Canary(GatewayTestSupport.mqttUri(gateway), "bin-048", 5)) {
            canary.assertHealthy(20);
            final double canaryBefore = canary.latencyMillis(0.99);
            final int roundTripsBefore = canary.roundTrips();
            final List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                final String id = "flood-" + i;
                results.add(pool.submit(() -> connect(gateway.mqttAddress().getPort(), id, clients,
                        refusalMicros)));
            }
            for (final Future<Integer> r : results) {
                final int code = r.get(60, TimeUnit.SECONDS);
                if (code == 0) {
                    accepted++;
                } else {
                    refused++;
                    assertThat(code).as("refusal: CONNACK 0x97 or closed at once (-1)").isIn(0x97, -1);
                }
            }
            final List<Long> sorted = new ArrayList<>(refusalMicros);
            Collections.sort(sorted);
            final double refusalP99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1000.0;
            final int roundTripsDuring = canary.roundTrips() - roundTripsBefore;
            LOG.info("flood: {} accepted, {} refused, refusal p99 {} ms; canary p99 {} ms before, {} ms overall, "
                            + "{} round trips during the flood", accepted, refused, refusalP99, canaryBefore,
                    canary.latencyMillis(0.99), roundTripsDuring);
            assertThat(accepted).as("accepted connections (the canary holds one slot)").isLessThanOrEqualTo(CAP - 1);
            assertThat(accepted).as("the cap is used, not undercut").isGreaterThanOrEqualTo(CAP - 50);
            assertThat(refused).isEqualTo(FLOOD - accepted);
            assertThat(refusalP99).as("refusal p99, ms").isLessThan(1_000);
            // The canary is not starved: it kept completing round trips while the flood ran, and goes on after it;
            // every one of them was acknowledged with success (a failed or refused one fails assertHealthy).
            assertThat(roundTripsDuring).as("canary round trips completed during the flood").isPositive();
            canary.assertHealthy(roundTripsBefore + roundTripsDuring + 20);
            for (final RawClient c : clients) {
                c.close();
            }
            // Memory returns to about where it was once the flood has gone (sessions of clean-start clients end).
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> usedHeapAfterGc() < heapBefore + 64L * 1024 * 1024);
            LOG.info("flood: used heap {} MiB before, {} MiB after", heapBefore >> 20, usedHeapAfterGc() >> 20);
        } finally {
            pool.shutdownNow();
            for (final RawClient c : clients) {
                c.close();
            }
            gateway.close();
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        final Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** @return the CONNACK reason code, or -1 when the gateway closed without one */
    private static int connect(final int port, final String id, final List<RawClient> clients,
                               final ConcurrentLinkedQueue<Long> refusalMicros) throws IOException {
        final long start = System.nanoTime();
        final RawClient c;
        try {
            c = new RawClient(port);
        } catch (final IOException e) {
            refusalMicros.add((System.nanoTime() - start) / 1_000);
            return -1;
        }
        clients.add(c);
        try {
            c.send(RawPackets.connect(RawPackets.V5, id, null, null, 0));
            final RawClient.Packet p = c.read(Duration.ofSeconds(30));
            if (p == null || p.reasonCode() != 0) {
                refusalMicros.add((System.nanoTime() - start) / 1_000);
            }
            return p == null ? -1 : p.reasonCode();
        } catch (final IOException e) {
            refusalMicros.add((System.nanoTime() - start) / 1_000);
            return -1;
        }
    }
}
