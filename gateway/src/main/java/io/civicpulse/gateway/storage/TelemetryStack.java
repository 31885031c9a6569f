// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.bootstrap.StartupException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.TelemetryStoreConfig;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Deque;

/**
 * The telemetry side of the gateway, started in dependency order: the store (embedded QuestDB or an InfluxDB server,
 * {@code telemetry.store}), then the spool and quarantine (so readings a previous run left in the spool are replayed
 * first), then the group-commit writer, and for the embedded store its retention job.
 *
 * @param store  the time-series store
 * @param spool  the fsync'd local spool
 * @param writer the writer the ingest lanes submit to
 * @param sql    SQL access to the embedded store for the analysis API; null when the store is InfluxDB
 */
public record TelemetryStack(TelemetryStore store, TelemetrySpool spool, TelemetryWriter writer, QuestDbSql sql) {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryStack.class);

    /**
     * @param config   the gateway configuration
     * @param clock    the gateway clock
     * @param metrics  meters
     * @param started  every component started is pushed here, so the caller closes them in reverse on stop or on a
     *                 failed start
     * @param tags     the area tag of each device (from the registry)
     * @return the started stack
     * @throws StartupException naming the folder or setting when a part cannot start
     */
    public static TelemetryStack start(final GatewayConfig config, final Clock clock, final MeterRegistry metrics,
                                       final Deque<AutoCloseable> started, final DeviceTags tags)
            throws StartupException {
        final TelemetryStoreConfig storeConfig = config.telemetryStore();
        final TelemetryStore store;
        QuestDbSql sql = null;
        QuestDbTelemetryStore questDb = null;
        if (storeConfig.backend() == TelemetryStoreConfig.Backend.INFLUXDB) {
            final TelemetryStoreConfig.InfluxDb influx = storeConfig.influxDb();
            store = new InfluxDbTelemetryStore(influx.url(), influx.token().toCharArray(), influx.org(),
                    influx.bucket(), tags);
            started.push(store);
            LOG.info("Telemetry goes to {}", influx);
        } else {
            try {
                questDb = QuestDbTelemetryStore.start(config.dataDir(), metrics, tags, storeConfig.pgPort());
                started.push(questDb);
                sql = questDb.sql();
                started.push(sql);
                store = questDb;
            } catch (final Exception e) {
                throw new StartupException("the embedded time-series store cannot start in " + config.dataDir()
                        + ": " + e.getMessage(), e);
            }
        }
        final TelemetryWriter writer = startWriter(config, clock, metrics, started, store);
        final TelemetrySpool spool = writer.spool();
        if (questDb != null && storeConfig.retention().enabled()) {
            final TelemetryRetention retention = new TelemetryRetention(questDb.sql(), storeConfig.retention(),
                    clock, metrics);
            retention.start();
            started.push(retention);
        }
        return new TelemetryStack(store, spool, writer, sql);
    }

    private static TelemetryWriter startWriter(final GatewayConfig config, final Clock clock,
                                               final MeterRegistry metrics, final Deque<AutoCloseable> started,
                                               final TelemetryStore store) throws StartupException {
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
            return writer;
        } catch (final IOException e) {
            throw new StartupException("the telemetry spool or quarantine cannot be opened in " + spoolDir + " / "
                    + quarantineDir + " (dataDir / --data-dir): " + e.getMessage(), e);
        }
    }
}
