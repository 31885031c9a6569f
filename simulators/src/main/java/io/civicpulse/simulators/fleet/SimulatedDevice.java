// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import io.civicpulse.simulators.DeterministicRandom;
import io.civicpulse.simulators.device.DeviceModel;
import io.civicpulse.simulators.device.FaultKind;
import io.civicpulse.simulators.device.SampleTime;
import io.civicpulse.simulators.device.SolarSchedule;
import io.civicpulse.simulators.mqtt.ConnectionListener;
import io.civicpulse.simulators.mqtt.DeviceConnection;
import io.civicpulse.simulators.mqtt.MqttErrors;
import io.civicpulse.simulators.mqtt.PublishListener;
import io.civicpulse.simulators.payload.PayloadFormat;
import io.civicpulse.simulators.registry.DeviceIdentity;
import io.civicpulse.simulators.registry.DeviceSecrets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * One device of a running fleet: its model, its connection and its publishing schedule.
 *
 * <p>Threads: {@link #publishReading()} runs on the fleet scheduler, never twice at once for one device
 * (fixed-rate scheduling), so the model and the fault list need no locks; connection callbacks arrive
 * on Paho threads and touch only atomics.
 */
final class SimulatedDevice implements ConnectionListener, PublishListener {

    private static final long MAX_CONNECT_RETRY_MILLIS = 30_000;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(10);
    private static final long PERMIT_RETRY_MILLIS = 20;

    private final DeviceIdentity identity;
    private final DeviceModel model;
    private final FleetOptions options;
    private final FleetCounters counters;
    private final ScheduledExecutorService scheduler;
    private final Runnable onFirstConnect;
    private final Semaphore connectPermits;
    private final List<FaultAssignment> pendingFaults;
    private final AtomicBoolean online = new AtomicBoolean();
    private final AtomicBoolean everConnected = new AtomicBoolean();
    private DeviceConnection connection;
    private volatile ScheduledFuture<?> publishing;
    private volatile boolean stopped;
    private long fleetStartNanos;
    private final String devEui;
    private final double driftPpm;
    private long skewMillis;
    private long seq;
    private int failedConnects;

    SimulatedDevice(final DeviceIdentity identity, final DeviceModel model, final List<FaultAssignment> faults,
                    final FleetOptions options, final FleetCounters counters,
                    final ScheduledExecutorService scheduler, final Runnable onFirstConnect,
                    final Semaphore connectPermits) {
        this.identity = identity;
        this.model = model;
        this.options = options;
        this.counters = counters;
        this.scheduler = scheduler;
        this.onFirstConnect = onFirstConnect;
        this.connectPermits = connectPermits;
        this.pendingFaults = new ArrayList<>(faults);
        this.pendingFaults.sort(Comparator.comparing(FaultAssignment::delay));
        this.devEui = DeviceSecrets.devEui(options.shape().seed(), identity.id());
        // Each device's crystal is off by its own amount within ±max, fixed by the seed.
        this.driftPpm = (DeterministicRandom.forKey(options.shape().seed(), "drift:" + identity.id()).nextDouble()
                * 2 - 1) * options.maxClockDriftPpm();
    }

    /** Scripted events (scenarios) inject faults at once, whatever the fleet's fault plan says. */
    void injectNow(final FaultKind kind) {
        scheduler.execute(() -> applyFault(kind));
    }

    /** The device's identity. */
    DeviceIdentity identity() {
        return identity;
    }

    /** Creates the client through {@code connections} and starts connecting after {@code connectDelayMillis}. */
    void start(final Function<SimulatedDevice, DeviceConnection> connections, final long fleetStartNanos,
               final long connectDelayMillis) {
        this.fleetStartNanos = fleetStartNanos;
        this.connection = connections.apply(this);
        scheduler.schedule(this::connect, connectDelayMillis, TimeUnit.MILLISECONDS);
    }

    String id() {
        return identity.id();
    }

    // At most a fleet-wide number of CONNECTs wait for their CONNACK, so thousands of devices come up as fast as
    // the gateway admits them (it checks a bcrypt hash per device) instead of overflowing it and retrying.
    private void connect() {
        if (stopped) {
            return;
        }
        if (!connectPermits.tryAcquire()) {
            scheduler.schedule(this::connect, PERMIT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        connection.connect().whenComplete((ignored, error) -> {
            connectPermits.release();
            if (error != null) {
                connectFailed(error);
            }
        });
    }

    // Paho's automatic reconnect only follows a lost connection; a refused or failed first connect is retried here.
    private void connectFailed(final Throwable error) {
        if (stopped) {
            return;
        }
        counters.error(id(), "connect failed: " + MqttErrors.describe(error));
        final long backoff = Math.min(MAX_CONNECT_RETRY_MILLIS, 1000L << Math.min(failedConnects++, 5));
        scheduler.schedule(this::connect, backoff, TimeUnit.MILLISECONDS);
    }

    @Override
    public void connected(final boolean reconnect) {
        if (stopped) {
            return;
        }
        if (online.compareAndSet(false, true)) {
            counters.connected.incrementAndGet();
        }
        if (everConnected.compareAndSet(false, true)) {
            onFirstConnect.run();
            schedulePublishing();
        }
    }

    @Override
    public void connectionLost(final String reason) {
        if (online.compareAndSet(true, false)) {
            counters.connected.decrementAndGet();
            counters.error(id(), "connection lost: " + reason);
        }
    }

    private void schedulePublishing() {
        final long intervalMillis = options.interval().toMillis();
        // A per-device offset within one interval, so a fleet does not publish in the same millisecond.
        final long jitter = DeterministicRandom.forKey(options.shape().seed(), "jitter:" + id())
                .nextLong(intervalMillis);
        publishing = scheduler.scheduleAtFixedRate(this::publishReading, jitter, intervalMillis,
                TimeUnit.MILLISECONDS);
    }

    private void publishReading() {
        try {
            activateDueFaults();
            final Instant now = options.clock().instant();
            // The world goes on while the device is offline: the model advances either way.
            final Map<String, Number> metrics = model.sample(SampleTime.of(now, options.zone(), night(now)));
            if (stopped || !connection.isConnected()) {
                counters.skipped.increment();
                return;
            }
            final PayloadFormat format = options.format();
            final byte[] payload = format.payload(identity, devEui, deviceNow().toEpochMilli(), seq++, metrics);
            counters.sent.increment();
            connection.publish(format.topic(identity, devEui), payload, options.qos(), this);
        } catch (final RuntimeException e) {
            // A periodic task that throws is never run again; count the error and keep the device alive.
            counters.error(id(), "reading failed: " + e);
        }
    }

    private void activateDueFaults() {
        final long elapsedNanos = System.nanoTime() - fleetStartNanos;
        while (!pendingFaults.isEmpty() && pendingFaults.get(0).delay().toNanos() <= elapsedNanos) {
            applyFault(pendingFaults.remove(0).kind());
        }
    }

    private void applyFault(final FaultKind kind) {
        switch (kind) {
            case DROPOUT -> dropOut();
            case CLOCK_SKEW -> skewMillis += CLOCK_SKEW.toMillis();
            default -> model.injectFault(kind);
        }
    }

    // The link fails without DISCONNECT, so the gateway publishes the will; the device comes back later.
    private void dropOut() {
        if (stopped || !connection.isConnected()) {
            return;
        }
        try {
            connection.drop();
            if (online.compareAndSet(true, false)) {
                counters.connected.decrementAndGet();
            }
            counters.note(id(), "dropped out for " + options.dropoutLength().toSeconds() + " s");
            scheduler.schedule(this::connect, options.dropoutLength().toMillis(), TimeUnit.MILLISECONDS);
        } catch (final UnsupportedOperationException e) {
            counters.error(id(), e.getMessage());
        }
    }

    /** The device's own idea of now: the fleet clock, plus its drift so far and any skew. */
    private Instant deviceNow() {
        final Instant now = options.clock().instant();
        final long elapsedMillis = (System.nanoTime() - fleetStartNanos) / 1_000_000;
        return now.plusMillis(skewMillis + Math.round(elapsedMillis * driftPpm / 1e6));
    }

    private boolean night(final Instant now) {
        return options.solarLighting() ? SolarSchedule.isNight(now, identity.lat(), identity.lon())
                : options.nightWindow().isNight(now.atZone(options.zone()).toLocalTime());
    }

    @Override
    public void acked() {
        counters.acked.increment();
    }

    @Override
    public void rejected(final int reasonCode) {
        counters.rejected(id(), reasonCode);
    }

    @Override
    public void failed(final Throwable cause) {
        if (stopped) {
            return; // in flight while the fleet shut down: not the gateway's fault
        }
        counters.error(id(), "publish failed: " + MqttErrors.describe(cause));
    }

    /** Stops publishing and disconnects cleanly; safe to call more than once. */
    void stop() {
        stopped = true;
        final ScheduledFuture<?> task = publishing;
        if (task != null) {
            task.cancel(false);
        }
        if (connection != null) {
            connection.close(CLOSE_TIMEOUT);
        }
        if (online.getAndSet(false)) {
            counters.connected.decrementAndGet();
        }
    }
}
