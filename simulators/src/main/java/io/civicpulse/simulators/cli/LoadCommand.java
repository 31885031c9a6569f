// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.Durations;
import io.civicpulse.simulators.load.LoadOptions;
import io.civicpulse.simulators.load.LoadProfile;
import io.civicpulse.simulators.load.LoadResult;
import io.civicpulse.simulators.load.LoadRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code load}: the benchmark load generator. */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {
            "Benchmark load: msg/s and publish-to-ack latency.",
            "N streetlight connections (sl-001..) publish as fast as their window allows, or at --rate in total.",
            "Credentials match 'registry --seed S --streetlights N'.",
        })
final class LoadCommand implements Callable<Integer> {

    private static final long PROGRESS_EVERY_SECONDS = 5;

    @Spec
    private CommandSpec spec;

    @Mixin
    private MqttOptions mqtt;

    @Option(names = "--devices", defaultValue = "100", paramLabel = "N", description = "Connections (default: 100).")
    private int devices;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed the device secrets derive from (default: 42).")
    private long seed;

    @Option(names = "--community", defaultValue = "lakeside", paramLabel = "ID",
            description = "Community in the topics (default: lakeside).")
    private String community;

    @Option(names = "--id-digits", defaultValue = "0", paramLabel = "N",
            description = "Digits in device ids; 0 = as 'registry --streetlights N' writes them (default: 0).")
    private int idDigits;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "MSG/S",
            description = "Target total publishes per second; 0 = as fast as the windows allow (default: 0).")
    private double rate;

    @Option(names = "--duration", defaultValue = "60s", paramLabel = "DURATION",
            description = "How long to publish (default: 60s).")
    private Duration duration;

    @Option(names = "--window", defaultValue = "100", paramLabel = "N",
            description = "Most unacknowledged publishes per connection (default: 100).")
    private int window;

    @Option(names = "--payload-bytes", defaultValue = "100", paramLabel = "N",
            description = "Approximate payload size; readings are padded with JSON whitespace (default: 100).")
    private int payloadBytes;

    @Option(names = "--profile", defaultValue = "steady", paramLabel = "PROFILE",
            description = "How the rate moves: steady (--rate throughout), ramp (0 up to --rate), ramp:FROM-TO,"
                    + " or burst:PEAK/LENGTH/EVERY (--rate, with PEAK msg/s for LENGTH every EVERY) (default: steady).")
    private LoadProfile profile;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result as JSON to FILE.")
    private Path json;

    @Option(names = "--quiet", description = "No progress line every 5 s.")
    private boolean quiet;

    @Override
    public Integer call() throws InterruptedException, IOException {
        final LoadOptions options = options();
        System.out.println("load: " + options.devices() + " connections, MQTT " + options.protocol().label()
                + ", QoS " + options.qos() + ", window " + window + ", "
                + (rate > 0 ? String.format(Locale.ROOT, "%.0f msg/s", rate) : "max rate")
                + " " + profile + ", " + options.payloadBytes() + "-byte payloads, " + Durations.format(duration)
                + " -> " + options.endpoint() + " (" + options.client().name().toLowerCase(Locale.ROOT) + ")");
        final LoadRunner runner = new LoadRunner(options);
        final CountDownLatch done = new CountDownLatch(1);
        final Thread hook = new Thread(() -> {
            runner.stop();
            awaitQuietly(done);
        }, "cp-load-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        final StatusPrinter progress = quiet ? null : StatusPrinter.every(PROGRESS_EVERY_SECONDS,
                new LiveStats(duration, runner::acked, () -> "connected " + runner.connected() + "  sent "
                        + runner.sent() + "  acked " + runner.acked() + "  errors " + runner.errors()));
        try {
            final LoadResult result = runner.run();
            System.out.print(result.table());
            if (json != null) {
                Files.writeString(json, result.json() + System.lineSeparator(), StandardCharsets.UTF_8);
                System.out.println("Wrote " + json);
            }
            return result.connected() == result.devices() ? 0 : 1;
        } catch (final IllegalStateException e) {
            System.err.println("load: " + e.getMessage());
            return 1;
        } finally {
            if (progress != null) {
                progress.close();
            }
            done.countDown();
        }
    }

    private LoadOptions options() {
        return SimulatorsCommand.orUsageError(spec, () -> mqtt.applyTo(LoadOptions.builder()).devices(devices)
                .seed(seed).community(community).idDigits(idDigits).rate(rate).duration(duration).window(window)
                .payloadBytes(payloadBytes).profile(profile).build());
    }

    private static void awaitQuietly(final CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
