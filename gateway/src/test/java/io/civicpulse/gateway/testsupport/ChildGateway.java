// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway in a child JVM ({@code GatewayMain run}) on the test classpath, ephemeral ports and a given data
 * folder, so that a test can kill it like a power cut or {@code kill -9} and start it again on the same data.
 * Its output is kept (the last lines are shown when it fails to start).
 */
public final class ChildGateway implements AutoCloseable {
    private static final Pattern MQTT = Pattern.compile("MQTT listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern HTTP = Pattern.compile("HTTP listening on http://127\\.0\\.0\\.1:(\\d+)/");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private int mqttPort;
    private int httpPort;

    private ChildGateway(final Process process) {
        this.process = process;
    }

    /**
     * Starts the gateway and waits until it prints where it listens.
     *
     * @param dataDir the data folder (kept across starts)
     * @param env     extra environment, e.g. {@code CP_TELEMETRY_SPOOL_SLOW_WRITE_AFTER}
     * @param timeout how long the start may take
     * @return the running child
     * @throws IOException if it cannot be started or exits or stays silent
     */
    public static ChildGateway start(final Path dataDir, final Map<String, String> env, final Duration timeout)
            throws IOException, InterruptedException {
        final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--add-exports", "java.base/jdk.internal.math=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.civicpulse.gateway.cli.GatewayMain", "run",
                "--config", GatewayTestSupport.sampleConfig().toString(),
                "--mqtt-port", "0", "--http-port", "0", "--data-dir", dataDir.toString()));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        final ChildGateway child = new ChildGateway(builder.start());
        child.pumpOutput();
        child.awaitPorts(timeout);
        return child;
    }

    /** @return the MQTT port on 127.0.0.1 */
    public int mqttPort() {
        return mqttPort;
    }

    /** @return the HTTP port on 127.0.0.1 */
    public int httpPort() {
        return httpPort;
    }

    /** Kills the process at once (SIGKILL on Linux: no shutdown hook, no flush) and waits until it is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Asks the process to stop (SIGTERM on Linux: the shutdown hook closes the gateway gracefully) and waits.
     *
     * @param timeout how long to wait for it to exit
     * @return true when it exited within the timeout
     */
    public boolean terminate(final Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return the process's output so far */
    public synchronized List<String> output() {
        return List.copyOf(output);
    }

    /** Stops the process if it still runs (forcibly). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void pumpOutput() {
        final Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line = in.readLine();
                while (line != null) {
                    synchronized (this) {
                        output.add(line);
                    }
                    lines.add(line);
                    line = in.readLine();
                }
            } catch (final IOException ignored) {
                // The process died; its output ends here.
            }
        }, "child-gateway-output");
        pump.setDaemon(true);
        pump.start();
    }

    private void awaitPorts(final Duration timeout) throws IOException, InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (mqttPort == 0 || httpPort == 0) {
            final String line = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive() && lines.isEmpty() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException("the child gateway did not print its ports within " + timeout
                            + " (alive: " + process.isAlive() + "); last output: " + tail());
                }
                continue;
            }
            final Matcher mqtt = MQTT.matcher(line);
            if (mqtt.find()) {
                mqttPort = Integer.parseInt(mqtt.group(1));
            }
            final Matcher http = HTTP.matcher(line);
            if (http.find()) {
                httpPort = Integer.parseInt(http.group(1));
            }
        }
    }

    private synchronized List<String> tail() {
        return output.subList(Math.max(0, output.size() - 20), output.size());
    }
}
