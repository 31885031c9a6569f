// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import io.civicpulse.gateway.Gateway;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code demo}: the gateway on its embedded defaults plus a simulated fleet (50 streetlights, 50 bins, 10 gates)
 * that injects faults, so issues appear within a minute.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs the gateway on embedded defaults with a simulated fleet that injects faults.")
final class DemoCommand implements Callable<Integer> {
    /** The sample configuration files shipped in the jar (copied from config/ at build time). */
    private static final List<String> DEFAULT_FILES =
            List.of("gateway.yaml", "devices.yaml", "crews.yaml", "governance.yaml");
    /** Demo sign-ins for crews; config/crews.yaml holds only their hashes. */
    static final Map<String, String> DEMO_CREWS = Map.of(
            "lighting-crew", "lighting-demo",
            "sanitation-crew", "sanitation-demo",
            "property-crew", "property-demo",
            "street-office", "street-demo",
            "ops-crew", "ops-demo",
            "supervisor", "supervision-demo",
            "party-watcher", "party-demo",
            "committee", "committee-demo",
            "district-office", "district-demo");

    @Mixin
    ListenerOptions listener = new ListenerOptions();

    @Option(names = "--no-fleet", description = "start only the gateway, without the simulated fleet")
    boolean noFleet;

    @Option(names = "--simulators-jar", description = "the simulators jar (default: next to this jar's module)")
    Path simulatorsJar;

    @Override
    public Integer call() throws InterruptedException {
        final Gateway gateway;
        try {
            if (listener.dataDir == null) {
                listener.dataDir = Path.of("civicpulse-data");
            }
            final Path configDir = extractDefaults(listener.dataDir.resolve("config"));
            final Map<String, String> overrides = new LinkedHashMap<>(demoTimings());
            overrides.putAll(listener.overrides());
            overrides.putIfAbsent("mqtt.port", "1884");
            overrides.putIfAbsent("http.port", "8080");
            overrides.putIfAbsent("clock.controllable", "true");
            gateway = GatewayRunner.start(List.of(configDir.resolve("gateway.yaml")), overrides);
        } catch (final Exception e) {
            System.err.println(GatewayRunner.describe(e));
            return 2;
        }
        printWelcome(gateway);
        if (!noFleet) {
            final Process fleet;
            try {
                fleet = startFleet(gateway.mqttAddress().getPort());
            } catch (final IOException e) {
                System.err.println("civicpulse: cannot start the simulated fleet: " + e.getMessage());
                return 2;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(fleet::destroy, "cp-fleet-stop"));
        }
        GatewayRunner.awaitShutdown();
        return 0;
    }

    /**
     * The demo shortens rule durations to one minute and treats every hour as night, so lamp, bin and gate faults
     * become issues within a minute at any time of day. Everything else is the shipped defaults.
     */
    private static Map<String, String> demoTimings() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("rules.streetlight.onWindow", "00:00-00:00");
        m.put("rules.streetlight.darkFor", "1m");
        m.put("rules.bin.fullFor", "1m");
        m.put("rules.gate.heldOpenFor", "1m");
        return m;
    }

    private static Path extractDefaults(final Path dir) throws IOException {
        Files.createDirectories(dir);
        for (final String name : DEFAULT_FILES) {
            try (InputStream in = DemoCommand.class.getResourceAsStream("/defaults/" + name)) {
                if (in == null) {
                    throw new IOException("the jar lacks its default " + name + "; rebuild with ./mvnw package");
                }
                Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return dir;
    }

    private Process startFleet(final int mqttPort) throws IOException {
        final Path jar = simulatorsJar != null ? simulatorsJar : findSimulatorsJar();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " not found; build it with ./mvnw -q -DskipTests package, or pass "
                    + "--simulators-jar, or --no-fleet");
        }
        final List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "fleet", "--mqtt", "127.0.0.1:" + mqttPort, "--seed", "42", "--night-window", "00:00-00:00",
                "--fault", "lamp-out:4", "--fault", "bin-full:3", "--fault", "bin-fire:1",
                "--fault", "battery-low:2", "--fault", "gate-held:1"));
        System.out.println("Fleet: " + String.join(" ", cmd.subList(1, cmd.size())));
        return new ProcessBuilder(cmd).inheritIO().start();
    }

    private static Path findSimulatorsJar() {
        try {
            final Path self = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            // gateway/target/civicpulse-gateway.jar -> simulators/target/civicpulse-simulators.jar
            final Path sibling = self.getParent().getParent().getParent()
                    .resolve("simulators/target/civicpulse-simulators.jar");
            if (Files.isRegularFile(sibling)) {
                return sibling;
            }
        } catch (final URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("simulators/target/civicpulse-simulators.jar");
    }

    private static void printWelcome(final Gateway gateway) {
        final String http = "http://" + GatewayRunner.hostPort(gateway.httpAddress());
        final int mqtt = gateway.mqttAddress().getPort();
        System.out.println();
        System.out.println("CivicPulse demo is running. Faults start about 5 s after the fleet connects; rule");
        System.out.println("durations are shortened to 1 minute, so issues appear within a minute:");
        System.out.println("  console         " + http + "/console/   (sign in with a demo user below)");
        System.out.println("  public page     " + http + "/");
        System.out.println("  public issues   curl " + http + "/api/public/issues   (Open311: " + http
                + "/open311/v2/requests.json)");
        System.out.println("  sign in         TOKEN=$(curl -s -d '{\"username\":\"supervisor\",\"password\":"
                + "\"supervision-demo\"}' " + http + "/api/auth/token | sed 's/.*\"token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("  all issues      curl -H \"Authorization: Bearer $TOKEN\" " + http + "/api/issues");
        System.out.println("  readings        curl '" + http + "/api/devices/bin-001/readings'");
        System.out.println("  health/metrics  curl " + http + "/health   curl " + http + "/metrics");
        System.out.println("  crew alerts     mosquitto_sub -h 127.0.0.1 -p " + mqtt
                + " -u lighting-crew -P lighting-demo -t 'cp/+/alerts/district-lighting' -v");
        System.out.println("Demo crew sign-ins (user / password): " + DEMO_CREWS);
        System.out.println("Stop with Ctrl-C.");
        System.out.println();
    }
}
