// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.civicpulse.gateway.ingest.IngestOutcome;
import io.civicpulse.gateway.ingest.IngestResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The way of each bridged message: {@link BridgeIngest}, then its acknowledgement through the window of the
 * connection it came on. A final outcome (stored, or refused for good) is acknowledged; a transient one (a full lane
 * or writer, a failed store write) is offered again with backoff, the ack withheld meanwhile, so back-pressure
 * reaches the broker instead of anything being dropped.
 *
 * <p>Threads: {@link #take} runs on Paho's callback thread; results arrive on lane or writer threads; retries run on
 * the bridge's scheduler. Thread-safe.
 */
final class BridgeDeliveries {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridge.class);
    private static final Duration RETRY_MIN_DELAY = Duration.ofMillis(20);
    private static final Duration RETRY_MAX_DELAY = Duration.ofSeconds(2);

    private final BridgeIngest ingest;
    private final ScheduledExecutorService scheduler;
    private final int maxInflight;
    private final Backoff retryBackoff = new Backoff(RETRY_MIN_DELAY, RETRY_MAX_DELAY,
            () -> ThreadLocalRandom.current().nextDouble());
    private final Counter retries;
    private final Counter redeliveries;
    private final Object lock = new Object();
    /** Messages taken whose final result has not arrived yet (being ingested or waiting for a retry). */
    private int outstanding;
    /** Set once, under {@link #lock}. */
    private volatile boolean stopped;

    /**
     * @param ingest      the per-message ingest call
     * @param scheduler   runs retries
     * @param maxInflight the Receive Maximum the bridge announced
     * @param meters      meters
     */
    BridgeDeliveries(final BridgeIngest ingest, final ScheduledExecutorService scheduler, final int maxInflight,
                     final MeterRegistry meters) {
        this.ingest = ingest;
        this.scheduler = scheduler;
        this.maxInflight = maxInflight;
        this.retries = Counter.builder(BridgeMetrics.RETRIES).register(meters);
        this.redeliveries = Counter.builder(BridgeMetrics.REDELIVERIES).register(meters);
    }

    /**
     * Takes one message into the ingest path; never blocks. A message is neither stored nor acknowledged, so the
     * broker sends it again when the session resumes, when it arrives after {@link #stop()}, or late, after its
     * connection was reported lost (storing it would only store it twice).
     *
     * @param conn    the connection it arrived on
     * @param topic   the topic it was published on
     * @param message the message
     */
    void take(final BridgeConnection conn, final String topic, final MqttMessage message) {
        final AckWindow w = conn.window();
        if ((message.getQos() > 0 && !w.isLive()) || !tryBegin()) {
            return;
        }
        if (message.isDuplicate()) {
            redeliveries.increment();
        }
        final AckWindow.Slot slot = message.getQos() > 0 ? w.reserve(message.getId()) : null;
        if (slot != null && w.size() > maxInflight && conn.firstFlowControlBreach()) {
            // MQTT 5 §4.9: the broker must not exceed our Receive Maximum. Tolerated; operators should know.
            LOG.warn("Bridge: the broker sent {} unacknowledged messages, more than bridge.maxInflight ({}, sent as "
                    + "Receive Maximum); a lost connection can then repeat more than {} readings", w.size(),
                    maxInflight, maxInflight);
        }
        submit(new Delivery(topic, message.getPayload(), w, slot, 0));
    }

    /** One ingest attempt; the caller has counted the message as outstanding. */
    private void submit(final Delivery d) {
        final AtomicBoolean answered = new AtomicBoolean();
        try {
            ingest.ingest(d.topic(), d.payload(), result -> {
                if (answered.compareAndSet(false, true)) {
                    finish(d, result);
                }
            });
        } catch (final RuntimeException e) {
            LOG.error("Bridge ingest failed on {}; the message will be offered again", d.topic(), e);
            if (answered.compareAndSet(false, true)) {
                finish(d, new IngestResult(IngestOutcome.STORE_FAILED, "internal error: " + e));
            }
        }
    }

    /**
     * A message stays outstanding, also while it waits for a retry (retries go on after {@link #stop()}, until the
     * drain ends), so a graceful stop stores it rather than leaving it, and every stored message queued behind it in
     * the ack order, to come back as duplicates.
     */
    private void finish(final Delivery d, final IngestResult result) {
        if (d.slot() != null && isTransient(result.outcome()) && d.window().isLive()) {
            retries.increment();
            retryLater(d);
            return;
        }
        if (d.slot() != null && !isTransient(result.outcome())) {
            // Stored, or refused for good (already in the ledger): either way the broker must not resend it.
            d.window().complete(d.slot());
        }
        // Otherwise (QoS 0, or the connection is gone) nothing to acknowledge; the broker resends what it still has.
        end();
    }

    private void retryLater(final Delivery d) {
        final long delay = retryBackoff.delayMillis(d.attempt());
        try {
            scheduler.schedule(() -> {
                if (d.window().isLive()) {
                    submit(new Delivery(d.topic(), d.payload(), d.window(), d.slot(), d.attempt() + 1));
                } else {
                    end();
                }
            }, delay, TimeUnit.MILLISECONDS);
        } catch (final RejectedExecutionException e) {
            LOG.debug("Bridge has stopped; {} stays unacknowledged", d.topic());
            end();
        }
    }

    private static boolean isTransient(final IngestOutcome outcome) {
        return outcome == IngestOutcome.OVERLOADED || outcome == IngestOutcome.STORE_FAILED;
    }

    private boolean tryBegin() {
        synchronized (lock) {
            if (stopped) {
                return false;
            }
            outstanding++;
            return true;
        }
    }

    private void end() {
        synchronized (lock) {
            outstanding--;
            if (outstanding == 0) {
                lock.notifyAll();
            }
        }
    }

    /** @return true if this call stopped taking messages, false if that had happened before */
    boolean stop() {
        synchronized (lock) {
            final boolean first = !stopped;
            stopped = true;
            return first;
        }
    }

    /** @return true once {@link #stop()} was called */
    boolean isStopped() {
        return stopped;
    }

    /**
     * Waits until every message taken has its final result (and its acknowledgement is queued), retrying transient
     * refusals meanwhile.
     *
     * @param timeout the longest wait
     * @return messages still outstanding when the wait ended (0 when drained)
     */
    int awaitDrained(final Duration timeout) {
        final long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (outstanding > 0) {
                final long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return outstanding;
                }
                try {
                    lock.wait(left);
                } catch (final InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return outstanding;
                }
            }
            return 0;
        }
    }

    /**
     * One message on its way through the ingest path.
     *
     * @param topic   where it was published
     * @param payload its bytes
     * @param window  the ack window of the connection it arrived on
     * @param slot    its place in that window; null for QoS 0 (nothing to acknowledge)
     * @param attempt how many times it was refused transiently before
     */
    private record Delivery(String topic, byte[] payload, AckWindow window, AckWindow.Slot slot, int attempt) {
    }
}
