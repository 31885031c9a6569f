// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.alerts;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A real local HTTP receiver (JDK HttpServer on an ephemeral port) answering a scripted series of statuses. */
final class WebhookReceiver implements AutoCloseable {
    /** One received request. */
    record Received(long atNanos, byte[] body, Map<String, List<String>> headers) {
        String header(final String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();

    /** @param statuses status per call; the last one repeats */
    WebhookReceiver(final int... statuses) throws IOException {
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

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    List<Received> received() {
        return received;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
