// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.Durations;
import io.civicpulse.simulators.device.NightWindow;
import io.civicpulse.simulators.fleet.FaultAssignment;
import io.civicpulse.simulators.fleet.FaultSpec;
import io.civicpulse.simulators.fleet.FleetOptions;
import io.civicpulse.simulators.fleet.FleetRunner;
import io.civicpulse.simulators.fleet.FleetStatistics;
import io.civicpulse.simulators.payload.PayloadFormat;
import io.civicpulse.simulators.registry.FleetShape;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fleet}: runs the deterministic fleet against a gateway until {@code --duration} or Ctrl-C. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = {
            "Run the deterministic fleet against a gateway.",
            "Every device connects with its own id and secret and publishes",
            "cp/{community}/{type}/{id}/telemetry every interval. Pass the gateway's port with --mqtt.",
        })
final class FleetCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private FleetShapeOptions fleet;

    @Mixin
    private MqttOptions mqtt;

    @Option(names = "--interval", defaultValue = "10s", paramLabel = "DURATION",
            description = "Time between two readings of a device; a bare number is seconds (default: 10s).")
    private Duration interval;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Stop after this long, e.g. 60s or 10m (default: run until Ctrl-C).")
    private Duration duration;

    @Option(names = "--fault", paramLabel = "SPEC",
            description = "Inject a fault, repeatable: KIND:PERCENT%% or KIND:COUNT, optionally @DELAY (default"
                    + " delay 5s), e.g. lamp-out:5%%, bin-full:3, bin-fire:2%%@20s. Kinds: lamp-out, lamp-flicker,"
                    + " day-burning, pole-tilt, leakage (streetlights); bin-full, bin-fire, bin-tipped, battery-low,"
                    + " battery-drain (bins); gate-held, gate-forced, access-burst, battery-drain (gates); dropout,"
                    + " clock-skew (any).")
    private List<FaultSpec> faults = new ArrayList<>();

    @Option(names = "--night-window", defaultValue = "18:00-06:00", paramLabel = "HH:MM-HH:MM",
            description = "When streetlights are lit, local time; 00:00-00:00 means always night"
                    + " (default: 18:00-06:00).")
    private NightWindow nightWindow;

    @Option(names = "--zone", defaultValue = "Asia/Shanghai", paramLabel = "ZONE",
            description = "Time zone of the night window and the gates' daily pattern (default: Asia/Shanghai).")
    private ZoneId zone;

    @Option(names = "--format", defaultValue = "native", paramLabel = "FORMAT",
            description = "Wire format: native, senml (to the gateway), chirpstack-v4 or ttn-v3 (LoRaWAN uplinks, to"
                    + " a broker the gateway bridges; write the registry with --lorawan) (default: native).")
    private PayloadFormat format;

    @Option(names = "--sun", description = "Streetlights follow sunset and sunrise at their position and date"
            + " instead of --night-window.")
    private boolean sun;

    @Option(names = "--clock-drift", defaultValue = "0", paramLabel = "PPM",
            description = "Each device's clock runs fast or slow by up to PPM parts per million (default: 0).")
    private double clockDriftPpm;

    @Option(names = "--dropout-length", defaultValue = "60s", paramLabel = "DURATION",
            description = "How long a 'dropout' fault keeps a device offline before it reconnects (default: 60s).")
    private Duration dropoutLength;

    @Option(names = "--status-every", defaultValue = "5s", paramLabel = "DURATION",
            description = "Period of the live status line (default: 5s).")
    private Duration statusEvery;

    @Option(names = "--quiet", description = "No status line every 5 s.")
    private boolean quiet;

    @Override
    public Integer call() throws InterruptedException {
        final FleetRunner runner = createRunner();
        printPlan(runner);
        final CountDownLatch finished = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            finished.countDown();
            awaitQuietly(stopped);
        }, "cp-fleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        runner.start();
        final StatusPrinter status = quiet ? null : StatusPrinter.every(statusEvery.toSeconds(),
                new LiveStats(duration, () -> runner.statistics().acked(), () -> line(runner)));
        try {
            if (duration == null) {
                finished.await();
            } else {
                finished.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        } finally {
            if (status != null) {
                status.close();
            }
            runner.stop();
            System.out.println("stopped: " + runner.statistics().statusLine());
            final Duration connectTime = runner.connectTime();
            System.out.println(connectTime == null ? "not every device connected"
                    : String.format(java.util.Locale.ROOT, "all %d devices connected %.1f s after the start",
                    runner.devices().size(), connectTime.toMillis() / 1000.0));
            stopped.countDown();
        }
        return 0;
    }

    private FleetRunner createRunner() {
        final FleetShape shape = fleet.shape();
        return SimulatorsCommand.orUsageError(spec, () -> new FleetRunner(mqtt.applyTo(FleetOptions.builder())
                .shape(shape).interval(interval).faults(faults).nightWindow(nightWindow).zone(zone).format(format)
                .solarLighting(sun).maxClockDriftPpm(clockDriftPpm).dropoutLength(dropoutLength).build()));
    }

    private void printPlan(final FleetRunner runner) {
        final FleetOptions options = runner.options();
        final FleetShape shape = options.shape();
        System.out.println("fleet: " + shape.size() + " devices (" + shape.streetlights() + " streetlights, "
                + shape.bins() + " bins, " + shape.gates() + " gates) of " + shape.community() + ", seed "
                + shape.seed() + " -> MQTT " + options.protocol().label() + " " + options.endpoint() + ", QoS "
                + options.qos() + ", every " + Durations.format(interval) + "; night " + nightWindow + " " + zone
                + (duration == null ? "; until Ctrl-C" : "; for " + Durations.format(duration)));
        final Map<String, List<String>> byFault = new LinkedHashMap<>();
        for (final FaultAssignment fault : runner.faultAssignments()) {
            byFault.computeIfAbsent(fault.kind().label() + " after " + Durations.format(fault.delay()),
                    key -> new ArrayList<>()).add(fault.deviceId());
        }
        for (final FaultSpec spec : faults) {
            final String key = spec.kind().label() + " after " + Durations.format(spec.delay());
            byFault.putIfAbsent(key, List.of());
        }
        byFault.forEach((fault, ids) -> System.out.println("fault " + fault + ": "
                + (ids.isEmpty() ? "no devices of that type" : ids.stream().collect(Collectors.joining(", ")))));
    }

    private static String line(final FleetRunner runner) {
        final FleetStatistics stats = runner.statistics();
        return stats.statusLine() + (stats.lastError().isEmpty() ? "" : "  last error: " + stats.lastError());
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(15, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
