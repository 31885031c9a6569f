// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 by hand over a plain socket bound to a chosen loopback address (Linux routes all of 127.0.0.0/8 to the
 * loopback interface), so a test can be several clients at once and send a request as slowly as it likes.
 */
final class HttpWire implements AutoCloseable {
    private final Socket socket;

    /** A response: status, headers with lower-case names, body. */
    record Reply(int status, Map<String, String> headers, String body) {
    }

    /**
     * @param from local address, e.g. {@code 127.0.0.3}
     * @param port the gateway's HTTP port
     */
    HttpWire(final String from, final int port) throws IOException {
        socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setTcpNoDelay(true);
    }

    /** One {@code GET} on a new connection from {@code from}, answered within {@code timeout}. */
    static Reply get(final String from, final int port, final String path, final Duration timeout)
            throws IOException {
        try (HttpWire wire = new HttpWire(from, port)) {
            wire.send(request("GET", path, "close"));
            return wire.read(timeout);
        }
    }

    /** @return a request head without a body, with {@code Connection: connection} */
    static String request(final String method, final String path, final String connection) {
        return method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + connection + "\r\n\r\n";
    }

    HttpWire send(final String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return this;
    }

    /**
     * Reads one response (body by Content-Length, chunked, or up to the close).
     *
     * @return the response, or null when the server closed the connection before sending one
     */
    Reply read(final Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        final InputStream in = socket.getInputStream();
        final String head = readHead(in);
        if (head == null) {
            return null;
        }
        final String[] lines = head.split("\r\n");
        final Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            final int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        final byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunks(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readAllBytes(); // delimited by the server closing the connection
        }
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers,
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] readChunks(final InputStream in) throws IOException {
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            final StringBuilder size = new StringBuilder();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed inside a chunked body");
                }
                size.append((char) b);
            }
            final int length = Integer.parseInt(size.toString().trim().split(";")[0], 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            in.readNBytes(2);
        }
    }

    /**
     * @param timeout how long to wait for the server
     * @return true when the server closed the connection (end of stream or reset) within the timeout
     */
    boolean closedWithin(final Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            return socket.getInputStream().read() < 0;
        } catch (final java.net.SocketTimeoutException e) {
            return false;
        } catch (final IOException e) {
            return true;
        }
    }

    private static String readHead(final InputStream in) throws IOException {
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            final int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : head.toString(StandardCharsets.US_ASCII);
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : b == '\r' ? 1 : 0;
        }
        final String text = head.toString(StandardCharsets.US_ASCII);
        return text.substring(0, text.length() - 4);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
