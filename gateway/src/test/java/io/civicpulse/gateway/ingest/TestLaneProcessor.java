// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.rules.model.Reading;

import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A lane processor for tests: records what it is given and either completes each item at once with a fixed result
 * or holds it until the test completes it (so completions can run on the test's own thread).
 *
 * <p>Optionally blocks inside {@link #process} until {@link #release()}, to fill a lane deterministically.
 */
public final class TestLaneProcessor implements LaneProcessor {
    private final List<Reading> processed = new CopyOnWriteArrayList<>();
    private final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
    private final List<Long> ticks = new CopyOnWriteArrayList<>();
    private final List<String> offline = new CopyOnWriteArrayList<>();
    private final BlockingQueue<LaneItem> held = new LinkedBlockingQueue<>();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile IngestResult autoResult;
    private volatile CountDownLatch gate;

    private TestLaneProcessor(final IngestResult autoResult) {
        this.autoResult = autoResult;
    }

    /**
     * @param result the result every item is completed with, on the lane thread
     * @return a processor that completes every item at once
     */
    public static TestLaneProcessor completing(final IngestResult result) {
        return new TestLaneProcessor(result);
    }

    /** @return a processor that holds every item until {@link #completeNext} */
    public static TestLaneProcessor holding() {
        return new TestLaneProcessor(null);
    }

    /** Makes the next {@link #process} calls block until {@link #release()}. */
    public void blockProcessing() {
        gate = new CountDownLatch(1);
    }

    /** Lets blocked {@link #process} calls go on. */
    public void release() {
        final CountDownLatch g = gate;
        if (g != null) {
            g.countDown();
        }
    }

    /** @param n the next n batches throw instead of being processed */
    public void failNextBatches(final int n) {
        failuresLeft.set(n);
    }

    /**
     * Waits until the lane thread has entered {@link #process} at least once.
     *
     * @throws InterruptedException if interrupted
     */
    public void awaitEntered() throws InterruptedException {
        if (!entered.await(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the lane never called process");
        }
    }

    @Override
    public void process(final List<LaneItem> batch) {
        entered.countDown();
        final CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await(30, TimeUnit.SECONDS);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("test failure in process");
        }
        batchSizes.add(batch.size());
        for (final LaneItem item : batch) {
            processed.addAll(item.readings());
            final IngestResult r = autoResult;
            if (r == null) {
                held.add(item);
            } else {
                item.done().accept(r);
            }
        }
    }

    /**
     * Completes the oldest held item on the calling thread, waiting up to 10 s for one.
     *
     * @param result its result
     * @return the item
     * @throws InterruptedException if interrupted
     */
    public LaneItem completeNext(final IngestResult result) throws InterruptedException {
        final LaneItem item = held.poll(10, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("no item reached the lane");
        }
        item.done().accept(result);
        return item;
    }

    /** @return items waiting for {@link #completeNext} */
    public int heldCount() {
        return held.size();
    }

    @Override
    public void tick(final long nowMillis) {
        ticks.add(nowMillis);
    }

    @Override
    public void deviceOffline(final String deviceId, final long atMillis) {
        offline.add(deviceId + "@" + atMillis + " on " + Thread.currentThread().getName());
    }

    @Override
    public void deviceConnected(final String deviceId, final long atMillis) {
        offline.add("connected " + deviceId + "@" + atMillis + " on " + Thread.currentThread().getName());
    }

    @Override
    public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
        offline.add("rejected " + deviceId + "@" + atMillis + " (" + reason + ") on "
                + Thread.currentThread().getName());
    }

    /**
     * @return every device report handed to this processor, as {@code id@millis on thread} for a disconnect,
     *     prefixed {@code connected} or {@code rejected} for the others
     */
    public List<String> offline() {
        return offline;
    }

    @Override
    public void close() {
        closed.set(true);
    }

    /** @return every reading processed, in processing order */
    public List<Reading> processed() {
        return processed;
    }

    /** @return the size of each batch processed */
    public List<Integer> batchSizes() {
        return batchSizes;
    }

    /** @return the clock values tick was called with */
    public List<Long> ticks() {
        return ticks;
    }

    /** @return true once the lane closed this processor */
    public boolean closed() {
        return closed.get();
    }
}
