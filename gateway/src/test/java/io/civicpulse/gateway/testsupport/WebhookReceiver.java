// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP receiver (JDK HttpServer on an ephemeral port) answering a scripted series of statuses. */
public final class WebhookReceiver implements AutoCloseable {
    /**
     * One received request.
     *
     * @param atNanos when it arrived ({@link System#nanoTime()})
     * @param body    the exact body
     * @param headers the request headers
     */
    public record Received(long atNanos, byte[] body, Map<String, List<String>> headers) {
        /** @return the first value of a header (any case), or null */
        public String header(final String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** @param statuses status per call; the last one repeats */
    public WebhookReceiver(final int... statuses) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            final byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(System.nanoTime(), body, Map.copyOf(exchange.getRequestHeaders())));
            final int call = calls.getAndIncrement();
            final int status = statuses[Math.min(call, statuses.length - 1)];
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    /** @return the receiver's URL */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** @return every request so far, in arrival order */
    public List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
