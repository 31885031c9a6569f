// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import io.civicpulse.simulators.mqtt.MqttEndpoint;
import io.civicpulse.simulators.replay.ReplayReader;
import io.civicpulse.simulators.replay.ReplayRecord;
import io.civicpulse.simulators.replay.ReplayRunner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code replay}: publishes recorded telemetry (CSV or JSONL) at ×N speed. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {
            "Replay recorded telemetry at xN speed: JSONL lines {\"device\",\"ts\",\"metrics\"} or CSV with the header",
            "ts,device,<metric>,... . Each device connects with the fleet secret of --seed (write the registry with",
            "the same seed) and publishes native JSON, QoS 1.",
        })
final class ReplayCommand implements Callable<Integer> {

    private static final long STATUS_EVERY_SECONDS = 5;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Recorded telemetry, .jsonl or .csv.")
    private Path file;

    @Option(names = "--mqtt", defaultValue = "127.0.0.1:1883", paramLabel = "HOST:PORT",
            description = "Gateway MQTT listener (default: 127.0.0.1:1883).")
    private MqttEndpoint mqtt;

    @Option(names = "--speed", defaultValue = "1", paramLabel = "N",
            description = "Replay N times faster than recorded, e.g. 60 plays an hour in a minute (default: 1).")
    private double speed;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Fleet seed of the secrets.")
    private long seed;

    @Option(names = "--community", defaultValue = "lakeside", paramLabel = "ID",
            description = "Community in the topics (default: lakeside).")
    private String community;

    @Option(names = "--keep-timestamps", description = "Publish the recorded timestamps instead of shifting the"
            + " first reading to now.")
    private boolean keepTimestamps;

    @Override
    public Integer call() throws InterruptedException {
        final List<ReplayRecord> records;
        try {
            records = ReplayReader.read(file);
        } catch (final IOException e) {
            System.out.println("error: cannot read " + file + ": " + e.getMessage());
            return 2;
        } catch (final IllegalArgumentException e) {
            System.out.println("error: " + e.getMessage());
            return 2;
        }
        final ReplayRunner runner = SimulatorsCommand.orUsageError(spec,
                () -> new ReplayRunner(mqtt, seed, community, speed, !keepTimestamps));
        final Duration span = records.isEmpty() ? Duration.ZERO : Duration.ofMillis((long) ((records
                .get(records.size() - 1).epochMillis() - records.get(0).epochMillis()) / speed));
        System.out.println(String.format(Locale.ROOT, "replay: %d readings of %d devices from %s at x%s, about %d s",
                records.size(), records.stream().map(ReplayRecord::deviceId).distinct().count(), file,
                speed, span.toSeconds()) + " -> " + mqtt);
        try (StatusPrinter status = StatusPrinter.every(STATUS_EVERY_SECONDS, new LiveStats(span, runner::acked,
                () -> "sent " + runner.sent() + "  acked " + runner.acked() + "  errors " + runner.errors()))) {
            runner.run(records);
        } catch (final IllegalStateException e) {
            System.out.println("error: " + e.getMessage());
            return 1;
        }
        System.out.println("replayed: sent " + runner.sent() + "  acked " + runner.acked() + "  errors "
                + runner.errors());
        return runner.errors() == 0 && runner.acked() == runner.sent() ? 0 : 1;
    }
}
