// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.bootstrap.StartupException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Deque;

/**
 * The telemetry side of the gateway, started in dependency order: the embedded store, then the spool and
 * quarantine (so readings a previous run left in the spool are replayed first), then the group-commit writer.
 *
 * @param store  the embedded time-series store
 * @param spool  the fsync'd local spool
 * @param writer the writer the ingest lanes submit to
 */
public record TelemetryStack(TelemetryStore store, TelemetrySpool spool, TelemetryWriter writer) {

    /**
     * @param config   the gateway configuration
     * @param clock    the gateway clock
     * @param metrics  meters
     * @param started  every component started is pushed here, so the caller closes them in reverse on stop or on a
     *                 failed start
     * @return the started stack
     * @throws StartupException naming the folder or setting when a part cannot start
     */
    public static TelemetryStack start(final GatewayConfig config, final Clock clock, final MeterRegistry metrics,
                                       final Deque<AutoCloseable> started) throws StartupException {
        final TelemetryStore store;
        try {
            final QuestDbTelemetryStore questDb = QuestDbTelemetryStore.start(config.dataDir(), metrics);
            started.push(questDb);
            store = questDb;
        } catch (final Exception e) {
            throw new StartupException("the embedded time-series store cannot start in " + config.dataDir()
                    + ": " + e.getMessage(), e);
        }
        final GatewayConfig.Telemetry t = config.telemetry();
        final Path spoolDir = config.dataDir().resolve("spool");
        final Path quarantineDir = config.dataDir().resolve("quarantine");
        try {
            final TelemetrySpool spool = TelemetrySpool.open(spoolDir, t.spool().maxBytes(), metrics);
            started.push(spool);
            final TelemetryQuarantine quarantine = TelemetryQuarantine.open(quarantineDir, t.quarantineMaxBytes(),
                    clock, metrics);
            started.push(quarantine);
            final TelemetryWriter writer = new TelemetryWriter(store, spool, quarantine, new TelemetryWriter.Settings(
                    t.queueCapacity(), t.batchMaxPoints(), t.maxDelay(), t.spool().slowWriteAfter(),
                    t.spool().maxRetryInterval()), metrics);
            writer.start();
            started.push(writer);
            return new TelemetryStack(store, spool, writer);
        } catch (final IOException e) {
            throw new StartupException("the telemetry spool or quarantine cannot be opened in " + spoolDir + " / "
                    + quarantineDir + " (dataDir / --data-dir): " + e.getMessage(), e);
        }
    }
}
