// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.http;

import io.micrometer.core.instrument.Counter;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection whose request head (request line and headers) is not complete within the header timeout:
 * the slowloris defence Jetty lacks. Its idle timeout restarts with every byte, so a client dripping one header byte
 * a second would hold a connection (and its buffers) for as long as it likes.
 *
 * <p>The clock of a connection's first request starts when it opens; that of a later request on a kept-alive
 * connection starts when its first bytes are seen (at the next sweep), so such a request is cut within the timeout
 * plus one sweep period. A request whose head is complete (its body may be slow: that is the idle timeout's matter),
 * and a connection that sends nothing between requests, are left alone. Uses only Jetty's public connection counters:
 * requests begin when their head is parsed ({@link Connection#getMessagesIn()}) and end with their response
 * ({@link Connection#getMessagesOut()}). Added to the connector as a listener; sweeps on the connector's scheduler.
 */
final class HeaderDeadline extends AbstractLifeCycle implements Connection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(HeaderDeadline.class);

    private final Scheduler scheduler;
    private final long timeoutNanos;
    private final long sweepMillis;
    private final Counter closed;
    private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();
    private volatile Scheduler.Task task;

    /**
     * @param scheduler the connector's scheduler
     * @param timeout   the header timeout
     * @param closed    counts the connections closed for it
     */
    HeaderDeadline(final Scheduler scheduler, final Duration timeout, final Counter closed) {
        this.scheduler = scheduler;
        this.timeoutNanos = timeout.toNanos();
        this.sweepMillis = Math.max(20, Math.min(1_000, timeout.toMillis() / 10));
        this.closed = closed;
    }

    @Override
    public void onOpened(final Connection connection) {
        watched.put(connection, new Watch(System.nanoTime(), connection.getBytesIn()));
    }

    @Override
    public void onClosed(final Connection connection) {
        watched.remove(connection);
    }

    @Override
    protected void doStart() {
        schedule();
    }

    @Override
    protected void doStop() {
        final Scheduler.Task t = task;
        if (t != null) {
            t.cancel();
        }
        watched.clear();
    }

    private void schedule() {
        if (isRunning() || isStarting()) {
            task = scheduler.schedule(this::sweep, sweepMillis, TimeUnit.MILLISECONDS);
        }
    }

    private void sweep() {
        try {
            final long now = System.nanoTime();
            watched.forEach((connection, watch) -> {
                if (watch.overdue(connection, now, timeoutNanos)) {
                    watched.remove(connection);
                    closed.increment();
                    LOG.debug("HTTP connection {} closed: request head not complete within the header timeout",
                            connection.getEndPoint().getRemoteSocketAddress());
                    connection.getEndPoint().close();
                }
            });
        } finally {
            schedule();
        }
    }

    /** What one connection was doing at the last sweep; touched only by the sweeping thread after creation. */
    private static final class Watch {
        /** When the head now awaited started arriving, or -1 while no head is awaited with bytes in. */
        private long headSince;
        private long bytesIn;
        private long requests;

        Watch(final long openedAt, final long bytesIn) {
            this.headSince = openedAt;
            this.bytesIn = bytesIn;
        }

        boolean overdue(final Connection connection, final long now, final long timeoutNanos) {
            final long in = connection.getMessagesIn();
            final long bytes = connection.getBytesIn();
            if (in > connection.getMessagesOut() || in != requests) {
                // A request is being handled, or one came and went since the last sweep: no head is late now.
                requests = in;
                bytesIn = bytes;
                headSince = -1;
                return false;
            }
            if (headSince < 0 && bytes != bytesIn) {
                headSince = now;
            }
            bytesIn = bytes;
            return headSince >= 0 && now - headSince >= timeoutNanos;
        }
    }
}
