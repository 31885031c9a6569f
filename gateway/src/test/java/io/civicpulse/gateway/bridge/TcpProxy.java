// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on 127.0.0.1 between the bridge and the local broker, so tests can cut the network: drop every open
 * connection with a reset, or refuse new ones (the broker looks unreachable). Only ever connects to 127.0.0.1.
 */
final class TcpProxy implements AutoCloseable {
    private static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger relayed = new AtomicInteger();
    private volatile boolean refusing;
    private volatile boolean closed;

    /**
     * @param targetPort the port on 127.0.0.1 to relay to
     * @throws IOException if no local port can be bound
     */
    TcpProxy(final int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, LOCALHOST);
        final Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return {@code tcp://127.0.0.1:port} of the relay */
    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    /** @return connections relayed so far */
    int relayed() {
        return relayed.get();
    }

    /** @param refuse true to close every new connection at once, as if the broker were down */
    void refuse(final boolean refuse) {
        this.refusing = refuse;
    }

    /** Resets every open connection, both sides, as a network failure would. */
    void dropConnections() {
        for (final Socket s : open) {
            reset(s);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                final Socket client = server.accept();
                if (refusing) {
                    reset(client);
                    continue;
                }
                final Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(LOCALHOST, targetPort), 2_000);
                open.add(client);
                open.add(upstream);
                relayed.incrementAndGet();
                pump(client, upstream);
                pump(upstream, client);
            } catch (final IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private void pump(final Socket from, final Socket to) {
        final Thread t = new Thread(() -> {
            final byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (final IOException ignored) {
                // One side went away: the relay ends below.
            } finally {
                reset(from);
                reset(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private void reset(final Socket s) {
        open.remove(s);
        try {
            // Linger 0: close with RST, like a cut cable or a killed peer, not a polite FIN.
            s.setSoLinger(true, 0);
        } catch (final SocketException ignored) {
            // Already closed.
        }
        try {
            s.close();
        } catch (final IOException ignored) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        dropConnections();
    }
}
