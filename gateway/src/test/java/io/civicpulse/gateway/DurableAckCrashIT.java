// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.testsupport.ChildGateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 3, item 5: the gateway runs as a child JVM, devices publish QoS 1 readings as fast as their window allows,
 * the gateway is killed with SIGKILL in the middle of it and started again on the same data folder; every sequence
 * number the devices saw acknowledged must then be in the store. Repeated {@code civicpulse.crash.iterations} times
 * (3 by default, more with {@code -Pslow}); every other run forces most batches through the spool
 * ({@code telemetry.spool.slowWriteAfter: 1ms}), so the kill also hits spool appends and replays. Issue 9: the same
 * load ended by SIGTERM instead must stop within 30 s and lose nothing acknowledged.
 */
class DurableAckCrashIT {
    private static final Logger LOG = LoggerFactory.getLogger(DurableAckCrashIT.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int ITERATIONS = Integer.getInteger("civicpulse.crash.iterations", 3);
    private static final List<String> DEVICES = List.of("bin-001", "bin-002", "bin-003", "bin-004", "bin-005",
            "bin-006");
    /** Unacknowledged QoS 1 publishes per device (the gateway's Receive Maximum is 1000). */
    private static final int WINDOW = 100;
    /** Acknowledgements to see in a run before the kill. */
    private static final int KILL_AFTER_ACKS = 1_500;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    private final long firstTimestamp = System.currentTimeMillis();
    private final Map<String, Set<Long>> acked = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> nextSeq = new ConcurrentHashMap<>();
    private ChildGateway child;

    @AfterEach
    void killChild() throws InterruptedException {
        if (child != null) {
            child.close();
        }
    }

    @Test
    void killDashNine_duringQos1Load_everyAcknowledgedSequenceNumberIsStoredAfterRestart() throws Exception {
        // given
        child = ChildGateway.start(dataDir, env(0), START_TIMEOUT);
        for (int run = 0; run < ITERATIONS; run++) {
            // when devices publish and the gateway is killed in the middle of it
            final Load load = new Load(child.mqttPort());
            load.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> load.ackedThisRun.get() >= KILL_AFTER_ACKS);
            child.kill();
            load.stop();
            LOG.info("Run {} ({}): {} acknowledged, {} published, then killed", run,
                    env(run).isEmpty() ? "direct writes" : "most batches spooled", load.ackedThisRun.get(),
                    load.publishedThisRun.get());

            // then, after a restart on the same data, every acknowledged reading is there
            child = ChildGateway.start(dataDir, env(run + 1), START_TIMEOUT);
            child.output().stream().filter(l -> l.contains("left by the previous run") || l.contains("torn frame"))
                    .forEach(l -> LOG.info("Restart: {}", l.substring(l.indexOf(" - ") + 3)));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(this::assertEveryAcknowledgedReadingIsStored);
        }
    }

    @Test
    void sigterm_duringQos1Load_drainsWithin30s_everyAcknowledgedSequenceIsStored_readyAfterRestart()
            throws Exception {
        // given devices publishing QoS 1 as fast as their windows allow
        child = ChildGateway.start(dataDir, env(0), START_TIMEOUT);
        final Load load = new Load(child.mqttPort());
        load.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> load.ackedThisRun.get() >= KILL_AFTER_ACKS);

        // when the gateway is asked to stop (SIGTERM) under that load
        final long start = System.nanoTime();
        final boolean exited = child.terminate(Duration.ofSeconds(30));
        final long stopMillis = (System.nanoTime() - start) / 1_000_000;
        load.stop();
        LOG.info("SIGTERM after {} acknowledged: stopped in {} ms", load.ackedThisRun.get(), stopMillis);

        // then it stopped within 30 s, and after a restart it is ready and holds every acknowledged reading
        assertThat(exited).as("stopped within 30 s of SIGTERM").isTrue();
        final long restart = System.nanoTime();
        child = ChildGateway.start(dataDir, env(0), START_TIMEOUT);
        LOG.info("Ready again {} ms after the restart began", (System.nanoTime() - restart) / 1_000_000);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(this::assertEveryAcknowledgedReadingIsStored);
    }

    /** Every other start forces slow-write spooling, so kills land on spool appends and replays too. */
    private static Map<String, String> env(final int run) {
        return run % 2 == 1 ? Map.of("CP_TELEMETRY_SPOOL_SLOW_WRITE_AFTER", "1ms") : Map.of();
    }

    private void assertEveryAcknowledgedReadingIsStored() throws Exception {
        int total = 0;
        int duplicates = 0;
        for (final String device : DEVICES) {
            final List<Long> stored = storedSequences(device);
            final Set<Long> unique = new HashSet<>(stored);
            final Set<Long> missing = new TreeSet<>(acked.getOrDefault(device, Set.of()));
            missing.removeAll(unique);
            assertThat(missing).as("acknowledged sequence numbers of %s missing from the store", device).isEmpty();
            total += acked.getOrDefault(device, Set.of()).size();
            duplicates += stored.size() - unique.size();
        }
        LOG.info("All {} acknowledged readings are stored, {} of them twice", total, duplicates);
        // Replay after a crash sends again what the spool held beyond the store's last commit; the store keeps one
        // row per (timestamp, device, seq), so nothing is stored twice.
        assertThat(duplicates).as("readings stored more than once").isZero();
    }

    private List<Long> storedSequences(final String device) throws Exception {
        final String path = "/api/devices/" + device + "/readings?from=" + (firstTimestamp - 60_000) + "&to="
                + (System.currentTimeMillis() + 60_000) + "&limit=10000";
        final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + child.httpPort() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        final List<Long> seqs = new ArrayList<>();
        for (final JsonNode reading : JSON.readTree(r.body()).get("readings")) {
            seqs.add(reading.get("sequence").asLong());
        }
        assertThat(seqs).as("readings of %s fit in one page", device).hasSizeLessThan(10_000);
        return seqs;
    }

    /** One Paho v5 client per device, each publishing QoS 1 with a window of {@value #WINDOW}. */
    private final class Load {
        private final int port;
        private final List<MqttAsyncClient> clients = new ArrayList<>();
        private final List<Thread> publishers = new ArrayList<>();
        private final AtomicLong ackedThisRun = new AtomicLong();
        private final AtomicLong publishedThisRun = new AtomicLong();
        private volatile boolean running = true;

        Load(final int port) {
            this.port = port;
        }

        void start() throws MqttException {
            for (final String device : DEVICES) {
                final MqttAsyncClient client = new MqttAsyncClient("tcp://127.0.0.1:" + port, device,
                        new MemoryPersistence());
                final MqttConnectionOptions options = new MqttConnectionOptions();
                options.setUserName(device);
                options.setPassword(GatewayTestSupport.secret(device).getBytes(StandardCharsets.UTF_8));
                options.setConnectionTimeout(10);
                client.connect(options).waitForCompletion(10_000);
                clients.add(client);
                final Thread t = new Thread(() -> publish(client, device), "load-" + device);
                t.setDaemon(true);
                publishers.add(t);
            }
            publishers.forEach(Thread::start);
        }

        void stop() throws InterruptedException {
            running = false;
            for (final Thread t : publishers) {
                t.join(10_000);
            }
            for (final MqttAsyncClient c : clients) {
                try {
                    c.disconnectForcibly(0, 1, false);
                    c.close(true);
                } catch (final MqttException ignored) {
                    // The server is gone; the client is dropped either way.
                }
            }
        }

        private void publish(final MqttAsyncClient client, final String device) {
            final Semaphore window = new Semaphore(WINDOW);
            final AtomicLong seqs = nextSeq.computeIfAbsent(device, d -> new AtomicLong());
            final Set<Long> ackedSeqs = acked.computeIfAbsent(device, d -> ConcurrentHashMap.newKeySet());
            try {
                while (running) {
                    if (!window.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                        continue;
                    }
                    final long seq = seqs.getAndIncrement();
                    final byte[] payload = ("{\"ts\":" + System.currentTimeMillis() + ",\"seq\":" + seq
                            + ",\"metrics\":{\"fill_pct\":42.0,\"temperature_c\":20.5}}")
                            .getBytes(StandardCharsets.UTF_8);
                    client.publish("cp/lakeside/bin/" + device + "/telemetry", new MqttMessage(payload, 1, false,
                            null), null, new MqttActionListener() {
                                @Override
                                public void onSuccess(final IMqttToken token) {
                                    if (accepted(token.getReasonCodes())) {
                                        ackedSeqs.add(seq);
                                        ackedThisRun.incrementAndGet();
                                    }
                                    window.release();
                                }

                                @Override
                                public void onFailure(final IMqttToken token, final Throwable error) {
                                    window.release();
                                }
                            });
                    publishedThisRun.incrementAndGet();
                }
            } catch (final MqttException e) {
                // Killed under us: the connection is gone, so is this publisher.
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean accepted(final int[] reasons) {
            if (reasons != null) {
                for (final int reason : reasons) {
                    if (reason >= 0x80) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
