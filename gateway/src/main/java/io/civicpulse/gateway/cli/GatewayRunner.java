// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.cli;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.GatewayConfigLoader;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/** Loads the configuration, starts the gateway, prints where it listens, and stops it on Ctrl-C. */
final class GatewayRunner {
    private GatewayRunner() {
    }

    /**
     * @param files     the configuration file, then overlays
     * @param overrides command-line overrides
     * @return the started gateway; a shutdown hook stops it
     * @throws Exception with a message naming what is wrong when it cannot start
     */
    static Gateway start(final List<Path> files, final Map<String, String> overrides) throws Exception {
        final GatewayConfig config = GatewayConfigLoader.load(files, overrides, System.getenv());
        final Gateway gateway = new Gateway(config, Clock.systemUTC());
        gateway.start();
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "cp-shutdown"));
        System.out.println("MQTT listening on " + hostPort(gateway.mqttAddress()));
        System.out.println("HTTP listening on http://" + hostPort(gateway.httpAddress()) + "/");
        System.out.println("Data folder " + config.dataDir());
        return gateway;
    }

    /** Blocks until the process is asked to stop. */
    static void awaitShutdown() throws InterruptedException {
        final CountDownLatch forever = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown, "cp-release"));
        forever.await();
    }

    /** @return the message to print when start-up fails, naming the cause */
    static String describe(final Exception e) {
        final String message = e.getMessage() == null ? e.toString() : e.getMessage();
        return "civicpulse: cannot start: " + message;
    }

    static String hostPort(final java.net.InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }
}
