// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.rules.model.Anomaly;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Turns rule anomalies into governance issues: open, merge, reopen, start verification (GOVERNANCE.md §2.2, §2.6).
 *
 * <p>Threading: {@link #submit} may be called from any thread (the ingest lanes) and never blocks: it enqueues on
 * a bounded queue served by one issue worker thread ({@code issue-worker}); a full queue is a counted rejection
 * ({@code gateway.issues.anomalies{outcome=rejected}}) with a warning, never a silent drop. All writes and the
 * {@link IssueEventListener} calls happen on that worker, after commit. {@link #list} and {@link #find} may be
 * called from any thread.
 */
public final class IssueService implements AutoCloseable {
    /** How long {@link #close()} waits for queued anomalies to be processed, in seconds. */
    static final long DRAIN_SECONDS = 30;
    /** At most one rejection warning and one failure error per this many nanoseconds; every one is counted. */
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger LOG = LoggerFactory.getLogger(IssueService.class);

    private final JdbcIssueStore store;
    private final IssueEventListener listener;
    private final BlockingQueue<Runnable> queue;
    private final IssueMetrics metrics;
    private final AnomalyProcessor processor;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final AtomicLong lastFailNanos = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private volatile ThreadPoolExecutor worker;

    /**
     * Creates a stopped service; call {@link #start()}.
     *
     * @param store         the issue store, never null
     * @param policy        the governance policy, never null
     * @param clock         time source for all issue timestamps and deadlines, never null
     * @param listener      receives committed changes on the worker thread, never null
     * @param registry      where metrics are registered, never null
     * @param queueCapacity anomalies that may wait for the worker, at least 1
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if {@code queueCapacity} is below 1
     */
    public IssueService(final JdbcIssueStore store, final GovernancePolicy policy, final Clock clock,
                        final IssueEventListener listener, final MeterRegistry registry, final int queueCapacity) {
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity + ".");
        }
        this.store = Objects.requireNonNull(store, "store must not be null.");
        this.listener = Objects.requireNonNull(listener, "listener must not be null.");
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.metrics = new IssueMetrics(Objects.requireNonNull(registry, "registry must not be null."), queue);
        this.processor = new AnomalyProcessor(store, Objects.requireNonNull(policy, "policy must not be null."),
                Objects.requireNonNull(clock, "clock must not be null."));
    }

    /**
     * Starts the issue worker thread. Anomalies submitted before are rejected.
     *
     * @throws IllegalStateException if already started
     */
    public synchronized void start() {
        if (worker != null) {
            throw new IllegalStateException("IssueService already started.");
        }
        final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue,
                r -> new Thread(r, "issue-worker"), new ThreadPoolExecutor.AbortPolicy());
        executor.prestartCoreThread();
        worker = executor;
    }

    /**
     * Enqueues an anomaly for the worker. Never blocks; if the queue is full or the service is not running the
     * anomaly is rejected, counted and logged (rate-limited).
     *
     * @param anomaly the anomaly, never null
     */
    public void submit(final Anomaly anomaly) {
        Objects.requireNonNull(anomaly, "anomaly must not be null.");
        final ThreadPoolExecutor executor = worker;
        try {
            if (executor == null) {
                throw new RejectedExecutionException("issue service not started");
            }
            executor.execute(() -> handle(anomaly));
        } catch (final RejectedExecutionException e) {
            metrics.count(AnomalyOutcome.REJECTED);
            warnRejected(anomaly, executor == null || executor.isShutdown() ? "service not running" : "queue full");
        }
    }

    private void handle(final Anomaly anomaly) {
        final AnomalyProcessor.Processed result;
        try {
            result = processor.process(anomaly);
        } catch (final RuntimeException e) {
            metrics.count(AnomalyOutcome.FAILED);
            // While the database is down every anomaly fails: log the first and then one per interval.
            if (due(lastFailNanos)) {
                LOG.error("Cannot apply {} anomaly {} of device {} to the issue store; it is lost ({} failed so far)",
                        anomaly.status(), anomaly.category(), anomaly.deviceId(),
                        (long) metrics.total(AnomalyOutcome.FAILED), e);
            }
            return;
        }
        metrics.count(result.outcome());
        if (result.openedClass() != null) {
            metrics.opened(result.openedClass());
        }
        if (result.event() != null) {
            notifyListener(result.event());
        }
    }

    private void notifyListener(final IssueEvent event) {
        try {
            listener.onIssueEvent(event);
        } catch (final RuntimeException e) {
            // The change is committed; a failing listener must not stop the worker or undo it.
            LOG.error("Issue event listener failed on {} {} of {}", event.eventType(), event.state(),
                    event.issueId(), e);
        }
    }

    /** @return true at most once per {@link #WARN_INTERVAL_NANOS} for one {@code last} holder */
    private static boolean due(final AtomicLong last) {
        final long now = System.nanoTime();
        final long previous = last.get();
        return now - previous >= WARN_INTERVAL_NANOS && last.compareAndSet(previous, now);
    }

    private void warnRejected(final Anomaly anomaly, final String reason) {
        if (due(lastWarnNanos)) {
            LOG.warn("Rejected {} anomaly {} of device {}: {} ({} rejected so far; capacity {})", anomaly.status(),
                    anomaly.category(), anomaly.deviceId(), reason, (long) metrics.total(AnomalyOutcome.REJECTED),
                    queue.size() + queue.remainingCapacity());
        }
    }

    /** @return the current time of the service's clock, truncated to database precision (microseconds) */
    public Instant now() {
        return processor.now();
    }

    /**
     * Lists issues (internal view), newest first. Any thread.
     *
     * @param query filters and page, never null
     * @return the page
     * @throws IssueStoreException on a database error
     */
    public List<IssueSummary> list(final IssueQuery query) {
        return store.list(Objects.requireNonNull(query, "query must not be null."));
    }

    /**
     * Open issues of some categories that concern a device, for the fleet page. Any thread.
     *
     * @param categories category codes, never null
     * @return the issues, by device id, then opening time
     * @throws IssueStoreException on a database error
     */
    public List<IssueSummary> listOpenDeviceIssues(final Collection<String> categories) {
        return store.listOpenDeviceIssues(Objects.requireNonNull(categories, "categories must not be null."));
    }

    /**
     * Reads one issue with assignments and timeline (internal view, internal notes included). Any thread.
     *
     * @param id issue id, never null
     * @return the issue, or empty if unknown
     * @throws IssueStoreException on a database error
     */
    public Optional<IssueDetail> find(final String id) {
        return store.find(Objects.requireNonNull(id, "id must not be null."));
    }

    /**
     * Stops accepting anomalies and processes those already queued (up to {@value #DRAIN_SECONDS} s); the rest
     * are counted as failed and logged. Idempotent.
     */
    @Override
    public synchronized void close() {
        final ThreadPoolExecutor executor = worker;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                dropRemaining(executor);
            }
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
            dropRemaining(executor);
        }
    }

    private void dropRemaining(final ThreadPoolExecutor executor) {
        final int dropped = executor.shutdownNow().size();
        for (int i = 0; i < dropped; i++) {
            metrics.count(AnomalyOutcome.FAILED);
        }
        LOG.warn("Issue service closed with {} anomalies unprocessed", dropped);
    }
}
