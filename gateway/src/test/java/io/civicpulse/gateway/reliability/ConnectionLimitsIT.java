// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Oversized packets, slowloris sockets, a one-byte drip and silent clients: each is closed on time by one gateway
 * (CONNECT deadline shortened to 2 s), while a canary device keeps doing QoS 1 round trips.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionLimitsIT {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLimitsIT.class);
    private static final long CONNECT_DEADLINE_MS = 2_000;
    private static final int MAX_PACKET_BYTES = 65_536;

    @TempDir
    static Path dataDir;

    private Gateway gateway;
    private Canary canary;
    private int port;

    @BeforeAll
    void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of("mqtt.connectTimeout", CONNECT_DEADLINE_MS + "ms",
                "mqtt.maxPacketBytes", String.valueOf(MAX_PACKET_BYTES)));
        port = gateway.mqttAddress().getPort();
        canary = new Canary(GatewayTestSupport.mqttUri(gateway), "bin-049", 10);
    }

    @AfterAll
    void stop() throws Exception {
        canary.close();
        gateway.close();
    }

    @Test
    void oversizedPublish_closedWithin100msOfItsHeader() throws Exception {
        try (RawClient client = connected("bin-043")) {
            // A PUBLISH whose remaining length says 10 MB, then its body streaming in as fast as the socket takes it.
            final byte[] header = RawPackets.bytes().u8(0x30).varInt(10_000_000).toArray();
            final AtomicLong written = new AtomicLong();
            final Thread writer = new Thread(() -> {
                final byte[] chunk = new byte[16_384];
                try {
                    final OutputStream out = client.socket().getOutputStream();
                    while (written.get() < 10_000_000) {
                        out.write(chunk);
                        written.addAndGet(chunk.length);
                    }
                } catch (final IOException closed) {
                    // the gateway closed the connection: what we wait for
                }
            });
            final long start = System.nanoTime();
            client.send(header);
            writer.start();
            final List<RawClient.Packet> packets = client.readUntilClosed(Duration.ofSeconds(2));
            final long closedAfterMs = (System.nanoTime() - start) / 1_000_000;
            writer.join(5_000);
            assertThat(packets).as("DISCONNECT before the close").hasSize(1);
            assertThat(packets.get(0).reasonCode()).as("packet too large").isEqualTo(0x95);
            assertThat(closedAfterMs).as("ms from the header to the close").isLessThanOrEqualTo(100);
            // What the client got into the socket bounds what the gateway could have read; kernel buffers on both
            // ends hold some, so this is an upper bound of the gateway's reads, not a measure of them.
            LOG.info("oversized: closed after {} ms; {} bytes written by the client", closedAfterMs, written.get());
        }
        canary.assertHealthy(1);
    }

    @Test
    void thousandSilentSockets_allClosedByTheConnectDeadline() throws Exception {
        final List<Socket> sockets = new ArrayList<>();
        final long start = System.nanoTime();
        try {
            for (int i = 0; i < 1_000; i++) {
                final Socket s = new Socket("127.0.0.1", port);
                sockets.add(s);
            }
            long latestCloseMs = 0;
            for (final Socket s : sockets) {
                s.setSoTimeout((int) (CONNECT_DEADLINE_MS + 3_000));
                assertThat(readUntilEof(s.getInputStream())).as("bytes the gateway sent a silent socket").isZero();
                latestCloseMs = (System.nanoTime() - start) / 1_000_000;
            }
            final long openingMs = latestCloseMs;
            LOG.info("slowloris: 1000 silent sockets all closed {} ms after the first opened", openingMs);
            assertThat(latestCloseMs).as("last close, ms after the first socket opened")
                    .isLessThanOrEqualTo(CONNECT_DEADLINE_MS + 2_000);
        } finally {
            for (final Socket s : sockets) {
                s.close();
            }
        }
        canary.assertHealthy(1);
    }

    @Test
    void oneBytePerQuarterSecondDrip_doesNotExtendTheConnectDeadline() throws Exception {
        final byte[] connect = RawPackets.connect(RawPackets.V5, "bin-044", "bin-044",
                GatewayTestSupport.secret("bin-044"), 0);
        try (Socket s = new Socket("127.0.0.1", port)) {
            final long start = System.nanoTime();
            final OutputStream out = s.getOutputStream();
            int sent = 0;
            try {
                while (sent < connect.length - 1 && (System.nanoTime() - start) / 1_000_000 < CONNECT_DEADLINE_MS
                        + 3_000) {
                    out.write(connect[sent++]);
                    out.flush();
                    Thread.sleep(250);
                }
            } catch (final IOException closed) {
                // closed while dripping: expected
            }
            s.setSoTimeout(5_000);
            readUntilEof(s.getInputStream());
            final long closedAfterMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(sent).as("the drip had not finished its CONNECT").isLessThan(connect.length - 1);
            assertThat(closedAfterMs).isBetween(CONNECT_DEADLINE_MS - 100, CONNECT_DEADLINE_MS + 1_000);
        }
    }

    @Test
    void silentClient_closedAtOneAndAHalfKeepAlives_pingingClientStays() throws Exception {
        // Taken before the CONNECT is sent: the keep-alive clock starts later, so the close cannot come earlier.
        final long start = System.nanoTime();
        try (RawClient silent = connected("bin-045", 2); RawClient pinging = connected("bin-046", 2)) {
            final Thread pinger = new Thread(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        Thread.sleep(1_000);
                        pinging.send(RawPackets.pingReq());
                    }
                } catch (final Exception e) {
                    // the assertion below reports it
                }
            });
            pinger.start();
            silent.readUntilClosed(Duration.ofSeconds(6));
            final long closedAfterMs = (System.nanoTime() - start) / 1_000_000;
            assertThat(closedAfterMs).as("silent client closed after 1.5 x 2 s").isBetween(3_000L, 4_000L);
            pinger.join();
            int pongs = 0;
            try {
                while (pongs < 5 && pinging.read(Duration.ofSeconds(2)).type() == 13) {
                    pongs++;
                }
            } catch (final SocketTimeoutException e) {
                // fewer answers than pings
            }
            assertThat(pongs).as("PINGRESPs of the pinging client, still open after 5 s").isEqualTo(5);
        }
    }

    private RawClient connected(final String device) throws IOException {
        return connected(device, 0);
    }

    private RawClient connected(final String device, final int keepAlive) throws IOException {
        final RawClient c = new RawClient(port);
        c.send(RawPackets.connect(RawPackets.V5, device, device, GatewayTestSupport.secret(device), keepAlive));
        final RawClient.Packet connAck = c.read(Duration.ofSeconds(10));
        assertThat(connAck.type()).isEqualTo(2);
        assertThat(connAck.reasonCode()).isZero();
        return c;
    }

    private static int readUntilEof(final InputStream in) throws IOException {
        int n = 0;
        try {
            while (in.read() >= 0) {
                n++;
            }
        } catch (final SocketTimeoutException e) {
            throw new AssertionError("the gateway kept a silent socket open", e);
        } catch (final IOException reset) {
            // a reset is a close
        }
        return n;
    }
}
