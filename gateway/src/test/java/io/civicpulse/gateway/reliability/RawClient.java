// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain TCP socket speaking MQTT by hand: sends raw bytes and reads the gateway's packets one by one, telling a
 * clean close apart from silence.
 */
final class RawClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    /** A packet the gateway sent: first byte (type and flags) and the bytes after the remaining length. */
    record Packet(int firstByte, byte[] body) {
        int type() {
            return firstByte >> 4 & 0x0F;
        }

        /** @return the MQTT 5 reason code of a CONNACK (byte 2) or DISCONNECT (byte 1), 0 when absent */
        int reasonCode() {
            if (type() == 2) {
                return body.length > 1 ? body[1] & 0xFF : 0;
            }
            return body.length > 0 ? body[0] & 0xFF : 0;
        }
    }

    RawClient(final int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    RawClient send(final byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /**
     * @param timeout how long to wait
     * @return the next packet, or null when the gateway closed the connection
     * @throws SocketTimeoutException when nothing arrived within the timeout
     */
    Packet read(final Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        final int first = in.read();
        if (first < 0) {
            return null;
        }
        int length = 0;
        int shift = 0;
        int digit;
        do {
            digit = in.read();
            if (digit < 0) {
                return null;
            }
            length |= (digit & 0x7F) << shift;
            shift += 7;
        } while ((digit & 0x80) != 0);
        final byte[] body = in.readNBytes(length);
        return body.length < length ? null : new Packet(first, body);
    }

    /**
     * Reads until the gateway closes the connection.
     *
     * @param timeout how long to wait for the close
     * @return the packets that came before the close
     * @throws AssertionError if the connection is still open after the timeout
     */
    List<Packet> readUntilClosed(final Duration timeout) throws IOException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        final List<Packet> packets = new ArrayList<>();
        while (true) {
            final long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            try {
                final Packet p = read(Duration.ofMillis(left));
                if (p == null) {
                    return packets;
                }
                packets.add(p);
            } catch (final SocketTimeoutException e) {
                throw new AssertionError("the gateway kept the connection open for " + timeout + " after "
                        + packets.size() + " packet(s)", e);
            } catch (final IOException e) {
                // A reset is a close too.
                return packets;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the gateway kept the connection open for " + timeout);
            }
        }
    }

    Socket socket() {
        return socket;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
