// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP API under slow clients and bursts (issue 9, reliability 9): a client dripping its request head one byte a
 * second is cut by {@code http.headerTimeout}; a burst beyond the per-address rate, and requests beyond the global
 * concurrency cap, get 429 with Retry-After and a JSON error; a QoS 1 MQTT canary keeps its round trips throughout.
 * Each test speaks from its own loopback address, so their per-address buckets do not mix.
 */
class HttpOverloadIT {
    private static final Logger LOG = LoggerFactory.getLogger(HttpOverloadIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Long enough that a client starved of CPU on a loaded machine still gets its head in (the burst test). */
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(5);
    private static final int RATE = 20;
    private static final int BURST = 20;

    @TempDir
    static Path dataDir;
    private static Gateway gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of(
                "http.headerTimeout", HEADER_TIMEOUT.toMillis() + "ms",
                "http.limits.clientRate", String.valueOf(RATE),
                "http.limits.clientBurst", String.valueOf(BURST),
                "http.limits.maxConcurrent", "2",
                "http.limits.maxQueued", "1",
                "http.limits.maxQueueWait", "1s",
                "http.limits.retryAfter", "2s"));
        port = gateway.httpAddress().getPort();
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void requestHeadDrippedOneBytePerSecond_connectionClosedByTheHeaderTimeout() throws Exception {
        // given a request head that would take over a minute at one byte a second
        final String head = "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: slowloris\r\nX-Pad: "
                + "a".repeat(40) + "\r\n\r\n";
        final double timeoutsBefore = metric("gateway_http_header_timeouts_total");
        int sent = 0;
        boolean closed = false;
        final long start = System.nanoTime();
        try (HttpWire wire = new HttpWire("127.0.0.5", port)) {
            // when it is sent one byte a second (each byte restarts Jetty's 30 s idle timeout)
            while (sent < head.length() && !closed) {
                try {
                    wire.send(head.substring(sent, sent + 1));
                    sent++;
                    closed = wire.closedWithin(Duration.ofSeconds(1));
                } catch (final IOException e) {
                    closed = true;
                }
            }
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        LOG.info("slow header: closed after {} s and {} of {} bytes", seconds, sent, head.length());

        // then the gateway closed it around the header timeout, long before the head was complete
        assertThat(closed).as("closed by the gateway").isTrue();
        assertThat(sent).as("bytes of the head sent").isLessThan(head.length());
        assertThat(seconds).as("seconds until closed").isGreaterThanOrEqualTo(HEADER_TIMEOUT.toMillis() / 1000.0 - 0.5)
                .isLessThan(HEADER_TIMEOUT.toSeconds() + 10);
        assertThat(metric("gateway_http_header_timeouts_total")).isGreaterThan(timeoutsBefore);
    }

    @Test
    void keptAliveConnectionIdleLongerThanTheHeaderTimeout_nextRequestServed() throws Exception {
        // given a kept-alive connection that has had one answer
        try (HttpWire wire = new HttpWire("127.0.0.7", port)) {
            assertThat(wire.send(HttpWire.request("GET", "/health", "keep-alive")).read(Duration.ofSeconds(10))
                    .status()).isEqualTo(200);

            // when it stays silent for longer than the header timeout, then sends a whole request
            final boolean closed = wire.closedWithin(HEADER_TIMEOUT.plusSeconds(1));
            final HttpWire.Reply second = wire.send(HttpWire.request("GET", "/health", "close"))
                    .read(Duration.ofSeconds(10));

            // then the silence is the idle timeout's matter, not the header timeout's
            assertThat(closed).as("closed while silent").isFalse();
            assertThat(second.status()).isEqualTo(200);
        }
    }

    @Test
    void burstBeyondTheClientRate_refused429WithRetryAfter_mqttCanaryUnaffected() throws Exception {
        final int requests = 300;
        final ExecutorService pool = Executors.newFixedThreadPool(64);
        try (Canary canary = new Canary(GatewayTestSupport.mqttUri(gateway), "bin-046", 5)) {
            canary.assertHealthy(10);
            final int roundTripsBefore = canary.roundTrips();

            // when one address sends 300 requests at once
            final long start = System.nanoTime();
            final List<Future<HttpWire.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                futures.add(pool.submit(() -> HttpWire.get("127.0.0.1", port, "/api/devices",
                        Duration.ofSeconds(30))));
            }
            final List<HttpWire.Reply> replies = new ArrayList<>();
            for (final Future<HttpWire.Reply> f : futures) {
                replies.add(f.get(60, TimeUnit.SECONDS));
            }
            final double seconds = (System.nanoTime() - start) / 1e9;
            final long closed = replies.stream().filter(r -> r == null).count();
            final long ok = replies.stream().filter(r -> r != null && r.status() == 200).count();
            final long refused = replies.stream().filter(r -> r != null && r.status() == 429).count();
            LOG.info("burst: {} requests in {} s: {} answered, {} refused 429, {} closed unanswered; canary p99 {} ms",
                    requests, seconds, ok, refused, closed, canary.latencyMillis(0.99));

            // then the excess is refused with 429, Retry-After and a JSON error naming the limit
            assertThat(ok + refused).as("every reply is 200 or 429 (%d closed unanswered, header timeouts %s)",
                    closed, metric("gateway_http_header_timeouts_total")).isEqualTo(requests);
            assertThat(ok).as("answered: at most the burst plus the rate over the burst's duration")
                    .isPositive().isLessThanOrEqualTo((long) (BURST + RATE * seconds) + 1);
            final List<String> limits = new ArrayList<>();
            for (final HttpWire.Reply r : replies) {
                if (r != null && r.status() == 429) {
                    assertThat(r.headers()).containsEntry("retry-after", "2")
                            .containsEntry("content-type", "application/json");
                    final JsonNode body = JSON.readTree(r.body());
                    assertThat(body.get("status").asInt()).isEqualTo(429);
                    assertThat(body.get("error").asText()).contains("retry after 2 s");
                    limits.add(body.get("limit").asText());
                }
            }
            assertThat(limits).contains("client_rate").allMatch(l -> l.equals("client_rate")
                    || l.equals("concurrency") || l.equals("queue_wait"));

            // and the MQTT canary went on with its QoS 1 round trips, none failing
            canary.assertHealthy(roundTripsBefore + 20);
        } finally {
            pool.shutdownNow();
        }
        assertThat(metric("gateway_http_refused_total{limit=\"client_rate\"")).isPositive();
    }

    @Test
    void everySlotBusyAndQueueFull_refused429_thenServedOnceFree() throws Exception {
        // given both request slots held by requests whose bodies never finish (from another address)
        final String partial = "POST /api/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json"
                + "\r\nContent-Length: 100\r\n\r\n{\"username\":";
        final List<HttpWire> holders = List.of(new HttpWire("127.0.0.3", port).send(partial),
                new HttpWire("127.0.0.3", port).send(partial));
        final ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> HttpWire.get("127.0.0.4", port, "/health", Duration.ofSeconds(10)).status() == 429);

            // when two more requests come: one may wait in the queue of one, the other finds it full
            final Future<HttpWire.Reply> a = pool.submit(() -> HttpWire.get("127.0.0.4", port, "/health",
                    Duration.ofSeconds(10)));
            final Future<HttpWire.Reply> b = pool.submit(() -> HttpWire.get("127.0.0.4", port, "/health",
                    Duration.ofSeconds(10)));
            final List<HttpWire.Reply> replies = List.of(a.get(20, TimeUnit.SECONDS), b.get(20, TimeUnit.SECONDS));

            // then both are refused: one at once (queue full), one when its wait runs out
            final List<String> limits = new ArrayList<>();
            for (final HttpWire.Reply r : replies) {
                assertThat(r.status()).isEqualTo(429);
                assertThat(r.headers()).containsEntry("retry-after", "2");
                limits.add(JSON.readTree(r.body()).get("limit").asText());
            }
            assertThat(limits).containsExactlyInAnyOrder("concurrency", "queue_wait");
        } finally {
            pool.shutdownNow();
            for (final HttpWire h : holders) {
                h.close();
            }
        }
        // and once the slots are free, requests are served again
        Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> HttpWire.get("127.0.0.4", port, "/health", Duration.ofSeconds(10)).status() == 200);
    }

    /** @return the sum of the Prometheus samples whose line starts with {@code prefix}, from another address */
    private static double metric(final String prefix) throws IOException {
        final HttpWire.Reply r = HttpWire.get("127.0.0.6", port, "/metrics", Duration.ofSeconds(10));
        assertThat(r.status()).isEqualTo(200);
        return r.body().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
