// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * N single-threaded lanes between the MQTT listener and the rules and stores. A device always lands in the same
 * lane ({@code hash(deviceId) mod N}), so its readings are processed in order; lanes run in parallel.
 *
 * <p>Each lane has a bounded queue: {@link #offer} never blocks and returns false when the lane is full, so the
 * caller refuses the message explicitly (MQTT 5 reason 0x97) instead of stalling the event loop.
 */
public final class IngestLanes implements AutoCloseable {
    /** Readings one lane takes from its queue per batch at most. */
    static final int MAX_BATCH = 2_000;
    /** Device reports (connects, drops, refused payloads) one lane may hold before it refuses more. */
    static final int CONTROL_CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(IngestLanes.class);

    private final List<Lane> lanes = new ArrayList<>();
    private final Counter controlDropped;
    private volatile boolean closed;

    /**
     * @param count            number of lanes (≥ 1)
     * @param capacity         readings each lane may hold
     * @param tick             how often an idle lane calls {@link LaneProcessor#tick}
     * @param processorFactory makes the processor of lane {@code i}
     * @param clock            the gateway clock
     * @param registry         meters
     */
    public IngestLanes(final int count, final int capacity, final Duration tick,
                       final IntFunction<LaneProcessor> processorFactory, final Clock clock,
                       final MeterRegistry registry) {
        for (int i = 0; i < count; i++) {
            final Lane lane = new Lane(i, new ArrayBlockingQueue<>(capacity), processorFactory.apply(i),
                    tick.toMillis(), clock);
            Gauge.builder(GatewayMetrics.LANE_QUEUE_DEPTH, lane.queue, BlockingQueue::size)
                    .tag("lane", Integer.toString(i)).register(registry);
            lanes.add(lane);
        }
        this.controlDropped = Counter.builder(GatewayMetrics.LANE_CONTROL_DROPPED)
                .description("device reports a full lane control queue refused").register(registry);
    }

    /**
     * @param deviceId a device id
     * @return the index of the lane that processes that device
     */
    public int laneOf(final String deviceId) {
        return laneOf(deviceId, lanes.size());
    }

    /**
     * @param deviceId a device id
     * @param count    the number of lanes
     * @return the lane index of that device among {@code count} lanes
     */
    public static int laneOf(final String deviceId, final int count) {
        return Math.floorMod(deviceId.hashCode(), count);
    }

    /** @return the number of lanes */
    public int size() {
        return lanes.size();
    }

    /** Starts every lane's thread. */
    public void start() {
        lanes.forEach(l -> l.thread.start());
    }

    /**
     * Queues a reading on its device's lane. Thread-safe; never blocks.
     *
     * @param item the reading and its completion
     * @return false when the lane is full (the item was not taken)
     */
    public boolean offer(final LaneItem item) {
        return !closed && lanes.get(laneOf(item.reading().getDeviceId())).queue.offer(item);
    }

    /**
     * Tells the device's lane that its connection was lost; the lane thread hands it to its processor before its
     * next batch (at most one tick later). Thread-safe; never blocks.
     *
     * @param deviceId the device
     * @param atMillis when, in epoch milliseconds
     */
    public void deviceOffline(final String deviceId, final long atMillis) {
        control(deviceId, p -> p.deviceOffline(deviceId, atMillis));
    }

    /**
     * Tells the device's lane that the gateway accepted its connection, like {@link #deviceOffline}.
     *
     * @param deviceId the device
     * @param atMillis when, in epoch milliseconds
     */
    public void deviceConnected(final String deviceId, final long atMillis) {
        control(deviceId, p -> p.deviceConnected(deviceId, atMillis));
    }

    /**
     * Tells the device's lane that a payload of the (registered) device was refused as invalid, like
     * {@link #deviceOffline}.
     *
     * @param deviceId the device
     * @param atMillis when, in epoch milliseconds
     * @param reason   why, in words
     */
    public void payloadRejected(final String deviceId, final long atMillis, final String reason) {
        control(deviceId, p -> p.payloadRejected(deviceId, atMillis, reason));
    }

    /** A full control queue drops the report, counted: a device flooding bad payloads must not exhaust memory. */
    private void control(final String deviceId, final Consumer<LaneProcessor> event) {
        if (!closed && !lanes.get(laneOf(deviceId)).control.offer(event)) {
            controlDropped.increment();
        }
    }

    /** Stops taking readings, processes what is queued, then closes each processor. */
    @Override
    public void close() {
        closed = true;
        lanes.forEach(l -> l.running = false);
        for (final Lane l : lanes) {
            try {
                l.thread.join(10_000);
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One lane: a queue, its thread and its processor. */
    private static final class Lane implements Runnable {
        final BlockingQueue<LaneItem> queue;
        /** Events other than readings (device reports), run on the lane thread so the processor needs no locks. */
        final BlockingQueue<Consumer<LaneProcessor>> control = new ArrayBlockingQueue<>(CONTROL_CAPACITY);
        final Thread thread;
        private final LaneProcessor processor;
        private final long tickMillis;
        private final Clock clock;
        private volatile boolean running = true;

        Lane(final int index, final BlockingQueue<LaneItem> queue, final LaneProcessor processor,
             final long tickMillis, final Clock clock) {
            this.queue = queue;
            this.processor = processor;
            this.tickMillis = tickMillis;
            this.clock = clock;
            this.thread = new Thread(this, "cp-lane-" + index);
        }

        @Override
        public void run() {
            final List<LaneItem> batch = new ArrayList<>(MAX_BATCH);
            long lastTick = clock.millis();
            try {
                while (running || !queue.isEmpty()) {
                    runControl();
                    final LaneItem first = queue.poll(tickMillis, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        batch.add(first);
                        queue.drainTo(batch, MAX_BATCH - 1);
                        processSafely(batch);
                        batch.clear();
                    }
                    final long now = clock.millis();
                    if (now - lastTick >= tickMillis) {
                        lastTick = now;
                        processor.tick(now);
                    }
                }
            } catch (final InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                refuseLeftovers();
                processor.close();
            }
        }

        private void runControl() {
            Consumer<LaneProcessor> event;
            while ((event = control.poll()) != null) {
                try {
                    event.accept(processor);
                } catch (final RuntimeException e) {
                    LOG.error("Lane {} failed to handle an event", thread.getName(), e);
                }
            }
        }

        /** Anything that raced into the queue while the lane stopped is refused, never left unanswered. */
        private void refuseLeftovers() {
            final List<LaneItem> left = new ArrayList<>();
            queue.drainTo(left);
            final IngestResult refused = new IngestResult(IngestOutcome.OVERLOADED, "the gateway is shutting down");
            left.forEach(item -> item.done().accept(refused));
        }

        private void processSafely(final List<LaneItem> batch) {
            try {
                processor.process(batch);
            } catch (final RuntimeException e) {
                // A bug in one batch must not kill the lane, nor leave its devices waiting for acks forever:
                // refuse the batch (completion is idempotent, so items already answered stay answered).
                LOG.error("Lane {} failed to process a batch of {} readings", thread.getName(), batch.size(), e);
                final IngestResult failed = new IngestResult(IngestOutcome.STORE_FAILED, "internal error");
                batch.forEach(item -> item.done().accept(failed));
            }
        }
    }
}
