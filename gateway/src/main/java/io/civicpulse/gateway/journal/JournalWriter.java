// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.journal;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Writes journal rows to the database in batches on its own thread ({@code journal-writer}), so a lane or the alert
 * scheduler never waits for a slow database: {@link #append} only offers to a bounded queue. A full queue (the
 * database is down or too slow for long) drops the row and counts it in {@value #DROPPED}{@code {journal,cause}}
 * ({@code cause=full}); a batch that still fails after {@value #MAX_TRIES} tries is dropped and counted
 * ({@code cause=failed}); nothing is dropped silently. {@link #close()} writes what is queued before it returns.
 *
 * <p>The same thread deletes rows older than the retention every {@code pruneInterval} (first a minute after start).
 * Thread-safe.
 */
public final class JournalWriter implements AutoCloseable {
    /** Rows dropped, tagged {@code journal} and {@code cause} (full, failed, closed). */
    public static final String DROPPED = "gateway.journal.dropped";
    /** Rows written, tagged {@code journal}. */
    public static final String WRITTEN = "gateway.journal.written";
    /** Rows deleted by the retention, tagged {@code journal}. */
    public static final String PRUNED = "gateway.journal.pruned";
    /** Rows waiting to be written. */
    public static final String QUEUE_DEPTH = "gateway.journal.queue.depth";
    /** Rows per transaction at most. */
    static final int MAX_BATCH = 500;
    /** Tries of one batch before it is dropped. */
    static final int MAX_TRIES = 3;
    /** How long {@link #close()} waits for the queue to drain. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** Delay of the first retention run after start, at most. */
    static final Duration FIRST_PRUNE = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);

    private final DataSource dataSource;
    private final BlockingQueue<Pending<?>> queue;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Duration retention;
    private final Duration pruneInterval;
    private final List<JournalTable<?>> tables = new CopyOnWriteArrayList<>();
    private final Object progress = new Object();
    private final Thread thread;
    private long accepted;
    private long finished;
    private volatile boolean closed;
    private Instant nextPrune;

    /** One queued row with its table. */
    private record Pending<T>(JournalTable<T> table, T row) {
    }

    private JournalWriter(final DataSource dataSource, final int capacity, final Duration retention,
                          final Duration pruneInterval, final Clock clock, final MeterRegistry meters) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null.");
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.retention = Objects.requireNonNull(retention, "retention must not be null.");
        this.pruneInterval = Objects.requireNonNull(pruneInterval, "pruneInterval must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.meters = Objects.requireNonNull(meters, "meters must not be null.");
        // The first run comes soon after start (a gateway restarted often still prunes), not before the first rows.
        this.nextPrune = clock.instant().plus(pruneInterval.compareTo(FIRST_PRUNE) < 0 ? pruneInterval : FIRST_PRUNE);
        this.thread = new Thread(this::run, "journal-writer");
        thread.setDaemon(true);
    }

    /**
     * @param dataSource    the issue database (migrated to V4 or later)
     * @param capacity      rows queued at most (&gt; 0)
     * @param retention     rows older than this are deleted
     * @param pruneInterval how often the retention runs
     * @param clock         the gateway clock (row times and the retention)
     * @param meters        meters
     * @return a started writer; close it at shutdown
     */
    public static JournalWriter start(final DataSource dataSource, final int capacity, final Duration retention,
                                      final Duration pruneInterval, final Clock clock, final MeterRegistry meters) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be > 0, was " + capacity);
        }
        final JournalWriter w = new JournalWriter(dataSource, capacity, retention, pruneInterval, clock, meters);
        Gauge.builder(QUEUE_DEPTH, w.queue, BlockingQueue::size).register(meters);
        w.thread.start();
        return w;
    }

    /** @return the data source the tables read from */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @param table a table whose old rows the retention deletes */
    public void register(final JournalTable<?> table) {
        tables.add(Objects.requireNonNull(table, "table must not be null."));
    }

    /**
     * Queues one row; never blocks.
     *
     * @return false if the row was dropped (queue full or writer closed), and then counted
     */
    public <T> boolean append(final JournalTable<T> table, final T row) {
        if (closed) {
            dropped(table, "closed", 1);
            return false;
        }
        synchronized (progress) {
            accepted++;
        }
        if (queue.offer(new Pending<>(table, row))) {
            return true;
        }
        dropped(table, "full", 1);
        done(1);
        return false;
    }

    /**
     * Waits until every row appended before this call is written (or dropped), so a query sees its own writes.
     *
     * @param timeout how long to wait at most
     * @return false if the timeout passed first
     */
    public boolean awaitWritten(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            final long target = accepted;
            while (finished < target) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    /**
     * Deletes rows dated before {@code now - retention} from every registered table. Runs on the writer's thread on
     * schedule; tests call it directly.
     *
     * @param now the current time
     * @return rows deleted
     */
    public int prune(final Instant now) {
        final Instant cutoff = now.minus(retention);
        int total = 0;
        for (final JournalTable<?> t : tables) {
            try (Connection c = dataSource.getConnection();
                 PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.table() + " WHERE " + t.timeColumn()
                         + " < ?")) {
                JournalSql.setInstant(ps, 1, cutoff);
                final int n = ps.executeUpdate();
                meters.counter(PRUNED, "journal", t.name()).increment(n);
                total += n;
            } catch (final SQLException e) {
                LOG.warn("Journal retention could not prune {} (will retry in {}): {}", t.table(), pruneInterval,
                        e.getMessage());
            }
        }
        return total;
    }

    private void run() {
        final List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                final Pending<?> first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    queue.drainTo(batch, MAX_BATCH - 1);
                    write(batch);
                }
                if (!closed && !clock.instant().isBefore(nextPrune)) {
                    nextPrune = clock.instant().plus(pruneInterval);
                    prune(clock.instant());
                }
            } catch (final InterruptedException e) {
                // Nobody interrupts this thread on purpose: close() waits for the drain instead.
                LOG.debug("Journal writer interrupted while idle");
            } finally {
                batch.clear();
            }
        }
    }

    /** Writes runs of rows of one table as one batch each, in one transaction per table run. */
    private void write(final List<Pending<?>> batch) {
        int from = 0;
        while (from < batch.size()) {
            final JournalTable<?> table = batch.get(from).table();
            int to = from + 1;
            while (to < batch.size() && batch.get(to).table() == table) {
                to++;
            }
            try {
                writeRun(table, batch.subList(from, to));
            } catch (final RuntimeException e) {
                LOG.error("Journal {}: {} rows dropped, the insert failed unexpectedly", table.name(), to - from, e);
                dropped(table, "failed", to - from);
            }
            done(to - from);
            from = to;
        }
    }

    @SuppressWarnings("unchecked")
    private <T> void writeRun(final JournalTable<T> table, final List<Pending<?>> run) {
        final List<T> rows = new ArrayList<>(run.size());
        run.forEach(p -> rows.add((T) p.row()));
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try {
                    table.insert(c, rows);
                    c.commit();
                } catch (final SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                meters.counter(WRITTEN, "journal", table.name()).increment(rows.size());
                return;
            } catch (final SQLException e) {
                if (attempt == MAX_TRIES) {
                    LOG.warn("Journal {}: {} rows dropped after {} tries: {}", table.name(), rows.size(), attempt,
                            e.getMessage());
                    dropped(table, "failed", rows.size());
                    return;
                }
                pause(100L << (2 * attempt));
            }
        }
    }

    private static void pause(final long millis) {
        try {
            Thread.sleep(millis);
        } catch (final InterruptedException e) {
            // A shorter pause only means an earlier retry.
            LOG.debug("Journal retry pause interrupted");
        }
    }

    private void dropped(final JournalTable<?> table, final String cause, final int n) {
        meters.counter(DROPPED, "journal", table.name(), "cause", cause).increment(n);
    }

    private void done(final int n) {
        synchronized (progress) {
            finished += n;
            progress.notifyAll();
        }
    }

    /** Stops accepting rows, writes those queued (waiting up to {@link #CLOSE_TIMEOUT}) and stops the thread. */
    @Override
    public void close() {
        closed = true;
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("Journal writer still busy after {}; {} rows may not be written", CLOSE_TIMEOUT, queue.size());
        }
    }
}
