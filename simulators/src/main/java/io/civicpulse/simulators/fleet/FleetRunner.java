// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.fleet;

import io.civicpulse.simulators.device.DeviceModels;
import io.civicpulse.simulators.device.FaultKind;
import io.civicpulse.simulators.mqtt.ConnectionSettings;
import io.civicpulse.simulators.mqtt.DeviceConnection;
import io.civicpulse.simulators.mqtt.DeviceConnections;
import io.civicpulse.simulators.mqtt.MqttClientKind;
import io.civicpulse.simulators.mqtt.NettyClientGroup;
import io.civicpulse.simulators.mqtt.WillMessage;
import io.civicpulse.simulators.registry.DeviceIdentity;
import io.civicpulse.simulators.registry.DeviceSecrets;
import io.civicpulse.simulators.registry.FleetLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a deterministic fleet of simulated devices against a gateway, in-process: the CLI's {@code fleet}
 * command and the gateway's integration tests both drive it.
 *
 * <pre>{@code
 * try (FleetRunner fleet = new FleetRunner(FleetOptions.builder()
 *         .endpoint(new MqttEndpoint("127.0.0.1", port))
 *         .shape(new FleetShape(42, 2, 1, 1, "lakeside"))
 *         .interval(Duration.ofMillis(200))
 *         .fault(FaultSpec.parse("bin-fire:1@0s"))
 *         .build())) {
 *     fleet.start();
 *     fleet.awaitConnected(Duration.ofSeconds(10));
 *     ... fleet.statistics().acked() ...
 * }
 * }</pre>
 *
 * <p>Threads: one shared scheduler of two daemon threads publishes for every device and sends keep-alive
 * pings; each Paho client adds its own network threads. All public methods are thread-safe.
 */
public final class FleetRunner implements AutoCloseable {

    /** Pause between two devices' first connects, so thousands of devices do not connect in one burst. */
    private static final long CONNECT_SPACING_MICROS = 2_000;
    /** Paho's QoS 1 in-flight limit per device; a device publishes once per interval, so this is plenty. */
    private static final int DEVICE_MAX_INFLIGHT = 100;
    private static final long STOP_TIMEOUT_SECONDS = 30;
    /** CONNECTs awaiting their CONNACK at once, fleet-wide. */
    private static final int MAX_PENDING_CONNECTS = 64;
    private static final byte[] WILL_PAYLOAD = "{\"status\":\"offline\",\"reason\":\"connection lost\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final FleetOptions options;
    private final List<DeviceIdentity> devices;
    private final List<FaultAssignment> faults;
    private final FleetCounters counters = new FleetCounters();
    private final CountDownLatch firstConnects;
    private final List<SimulatedDevice> running = new ArrayList<>();
    private final Map<String, SimulatedDevice> byId = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor scheduler;
    private NettyClientGroup nettyGroup;
    private final AtomicLong allConnectedNanos = new AtomicLong();
    private final Semaphore connectPermits = new Semaphore(MAX_PENDING_CONNECTS);
    private long startNanos;
    private boolean started;
    private boolean stopped;

    /**
     * Plans the fleet (devices and faults) without connecting anything.
     *
     * @throws IllegalArgumentException if a fault asks for more devices than the fleet has
     */
    public FleetRunner(final FleetOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null.");
        }
        this.options = options;
        this.devices = List.copyOf(FleetLayout.devices(options.shape()));
        this.faults = List.copyOf(FaultPlanner.plan(options.shape().seed(), devices, options.faults()));
        this.firstConnects = new CountDownLatch(devices.size());
    }

    /**
     * Creates every device's client and starts connecting and publishing; returns at once.
     *
     * @throws IllegalStateException if the runner was already started
     */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the fleet was already started");
        }
        started = true;
        scheduler = new ScheduledThreadPoolExecutor(2, daemonThreads("cp-fleet-"));
        scheduler.setRemoveOnCancelPolicy(true);
        if (options.client() == MqttClientKind.NETTY) {
            nettyGroup = new NettyClientGroup(0);
        }
        startNanos = System.nanoTime();
        for (int i = 0; i < devices.size(); i++) {
            final DeviceIdentity identity = devices.get(i);
            final SimulatedDevice device = new SimulatedDevice(identity,
                    DeviceModels.create(identity.type(), options.shape().seed(), identity.id(), identity.area()),
                    faultsOf(identity.id()), options, counters, scheduler, this::firstConnect, connectPermits);
            running.add(device);
            byId.put(identity.id(), device);
            device.start(this::connectionFor, startNanos, i * CONNECT_SPACING_MICROS / 1000);
        }
    }

    private void firstConnect() {
        firstConnects.countDown();
        if (firstConnects.getCount() == 0) {
            allConnectedNanos.compareAndSet(0, System.nanoTime());
        }
    }

    /** How long after {@link #start()} the last device first connected, or null while some never have. */
    public Duration connectTime() {
        final long done = allConnectedNanos.get();
        return done == 0 ? null : Duration.ofNanos(done - startNanos);
    }

    private DeviceConnection connectionFor(final SimulatedDevice device) {
        final ConnectionSettings settings = new ConnectionSettings(options.endpoint(), device.id(),
                DeviceSecrets.secret(options.shape().seed(), device.id()), options.keepAliveSeconds(),
                DEVICE_MAX_INFLIGHT).withWill(new WillMessage(device.identity().type().statusTopic(
                device.identity().community(), device.id()), WILL_PAYLOAD, 1));
        return DeviceConnections.create(options.client(), options.protocol(), settings, device, scheduler, nettyGroup);
    }

    /**
     * Makes device {@code deviceId} develop {@code fault} now (scenario timelines), or drop out for the fleet's
     * dropout length when the fault is {@code dropout}.
     *
     * @throws IllegalArgumentException if the fleet has no such device or the fault does not apply to it
     */
    public void inject(final String deviceId, final FaultKind fault) {
        final SimulatedDevice device = byId.get(deviceId);
        if (device == null) {
            throw new IllegalArgumentException("the fleet has no device '" + deviceId + "'");
        }
        if (!fault.appliesTo(device.identity().type())) {
            throw new IllegalArgumentException("fault " + fault.label() + " applies to " + fault.deviceTypeNames()
                    + " devices, not to " + deviceId);
        }
        device.injectNow(fault);
    }

    private List<FaultAssignment> faultsOf(final String deviceId) {
        return faults.stream().filter(fault -> fault.deviceId().equals(deviceId)).toList();
    }

    /**
     * Waits until every device has connected at least once.
     *
     * @return true if all connected within {@code timeout}
     */
    public boolean awaitConnected(final Duration timeout) throws InterruptedException {
        return firstConnects.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops publishing, disconnects every device cleanly and ends the scheduler; safe to call repeatedly. */
    public void stop() {
        final List<SimulatedDevice> toStop;
        synchronized (this) {
            if (!started || stopped) {
                return;
            }
            stopped = true;
            toStop = List.copyOf(running);
        }
        // Each disconnect may wait up to a second for in-flight acks; run many side by side.
        final ExecutorService closer = Executors.newFixedThreadPool(Math.max(1, Math.min(16, toStop.size())),
                daemonThreads("cp-fleet-stop-"));
        toStop.forEach(device -> closer.execute(device::stop));
        closer.shutdown();
        try {
            if (!closer.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                closer.shutdownNow();
            }
        } catch (final InterruptedException e) {
            closer.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            scheduler.shutdownNow();
            if (nettyGroup != null) {
                nettyGroup.close();
            }
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Whether {@link #start()} was called and {@link #stop()} was not. */
    public synchronized boolean isRunning() {
        return started && !stopped;
    }

    /** A snapshot of the counters. */
    public FleetStatistics statistics() {
        return counters.snapshot(devices.size());
    }

    /** The devices of the fleet, in registry order. */
    public List<DeviceIdentity> devices() {
        return devices;
    }

    /** Which device develops which fault, and when. */
    public List<FaultAssignment> faultAssignments() {
        return faults;
    }

    /** The options the fleet was built with. */
    public FleetOptions options() {
        return options;
    }

    private static ThreadFactory daemonThreads(final String prefix) {
        final AtomicInteger count = new AtomicInteger();
        return task -> {
            final Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
