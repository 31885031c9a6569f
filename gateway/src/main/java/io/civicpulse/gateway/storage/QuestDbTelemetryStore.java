// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.influxdb.client.InfluxDBClient;
import com.influxdb.client.InfluxDBClientFactory;
import com.influxdb.client.WriteApiBlocking;
import com.influxdb.client.domain.WritePrecision;
import com.influxdb.exceptions.InfluxException;
import io.civicpulse.rules.model.Reading;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The embedded default telemetry store: QuestDB 9 running in the gateway process, in {@code <dataDir>/questdb}.
 *
 * <p><b>Schema</b> ({@link TelemetrySchema}): one table per device type ({@code streetlight}, {@code bin},
 * {@code gate}), created before the first write of its type, partitioned by day, with WAL and deduplication on
 * (timestamp, device, seq), so a reading delivered twice is stored once; SYMBOL columns
 * {@code community} and {@code device}; one DOUBLE column per metric (the union of all metrics of the type, null
 * where a reading did not carry it); LONG {@code seq}, null when the device sent none; designated TIMESTAMP
 * {@code timestamp} (the event time, written with millisecond precision).
 *
 * <p><b>Writes</b> go as line-protocol text through influxdb-client-java's blocking API to QuestDB's
 * {@code /api/v2/write}. QuestDB answers after committing the request to the table's write-ahead log, and rejects
 * the whole request when one line is bad. With QuestDB's default commit mode ({@code nosync}) an acknowledged write
 * survives a crash of the gateway process but not of the machine (the OS may not have flushed it yet).
 *
 * <p><b>History</b> is read over the PostgreSQL wire protocol through {@link QuestDbSql}, the one SQL path of the
 * embedded store (user {@code admin}, password {@code quest}:
 * QuestDB's defaults; the ports listen on 127.0.0.1 only). A query first waits until the table's write-ahead log
 * is applied, so it sees every write acknowledged before it.
 *
 * <p>Thread-safe; every method blocks on I/O. Start it with {@link #start}; requires the JVM flag
 * {@code --add-exports java.base/jdk.internal.math=ALL-UNNAMED} (QuestDB formats some doubles with it).
 */
public final class QuestDbTelemetryStore implements TelemetryStore {
    /** Timer of {@link #history} queries, including the wait for pending writes to become visible. */
    public static final String HISTORY_DURATION = "gateway.telemetry.history.duration";

    /** %s: the device type, validated; the rest is bound. */
    private static final String HISTORY_SQL = "SELECT * FROM \"%s\" WHERE \"" + TelemetrySchema.TAG_DEVICE
            + "\" = ? AND \"" + TelemetrySchema.COLUMN_TIMESTAMP + "\" >= ? AND \""
            + TelemetrySchema.COLUMN_TIMESTAMP + "\" < ? ORDER BY \"" + TelemetrySchema.COLUMN_TIMESTAMP
            + "\" LIMIT ?";

    private final EmbeddedQuestDb questDb;
    private final InfluxDBClient influx;
    private final WriteApiBlocking writeApi;
    /** History goes through the same SQL path as the analysis API, on a connection of its own. */
    private final QuestDbSql historySql;
    private final Timer historyTimer;
    private final DeviceTags tags;
    /** Writes and queries hold the read lock; close takes the write lock, so QuestDB never stops under a call. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;
    /** Device types whose table exists with deduplication on; checked once per type and process. */
    private final Set<String> deduplicatedTables = ConcurrentHashMap.newKeySet();

    private QuestDbTelemetryStore(final EmbeddedQuestDb questDb, final MeterRegistry registry,
                                  final DeviceTags tags) {
        this.questDb = questDb;
        this.tags = tags;
        // No auth on the embedded server: QuestDB ignores token, organisation and bucket.
        this.influx = InfluxDBClientFactory.create("http://127.0.0.1:" + questDb.httpPort(), new char[0],
                "civicpulse", "telemetry");
        this.writeApi = influx.getWriteApiBlocking();
        this.historySql = new QuestDbSql(questDb);
        this.historyTimer = Timer.builder(HISTORY_DURATION).register(registry);
    }

    /**
     * Starts the embedded QuestDB in {@code <dataDir>/questdb} (about 2 s) and connects to it.
     *
     * @param dataDir  the gateway's data folder; created if missing
     * @param registry where the store's metrics go
     * @return the running store; close it to stop QuestDB
     * @throws TelemetryStoreException if QuestDB cannot start there
     */
    public static QuestDbTelemetryStore start(final Path dataDir, final MeterRegistry registry)
            throws TelemetryStoreException {
        return start(dataDir, registry, DeviceTags.NONE, 0);
    }

    /**
     * Starts the embedded QuestDB in {@code <dataDir>/questdb} (about 2 s) and connects to it.
     *
     * @param dataDir  the gateway's data folder; created if missing
     * @param registry where the store's metrics go
     * @param tags     the area tag of each device
     * @param pgPort   port of QuestDB's PostgreSQL wire server on 127.0.0.1 (Grafana, psql); 0 picks a free one
     * @return the running store; close it to stop QuestDB
     * @throws TelemetryStoreException if QuestDB cannot start there
     */
    public static QuestDbTelemetryStore start(final Path dataDir, final MeterRegistry registry,
                                              final DeviceTags tags, final int pgPort)
            throws TelemetryStoreException {
        Objects.requireNonNull(dataDir, "dataDir must not be null.");
        Objects.requireNonNull(registry, "registry must not be null.");
        Objects.requireNonNull(tags, "tags must not be null.");
        final EmbeddedQuestDb questDb = EmbeddedQuestDb.start(dataDir.resolve("questdb"), pgPort);
        try {
            return new QuestDbTelemetryStore(questDb, registry, tags);
        } catch (final RuntimeException e) {
            questDb.close();
            throw e;
        }
    }

    /** @return the port of QuestDB's HTTP server (line protocol, web console) on 127.0.0.1 */
    public int httpPort() {
        return questDb.httpPort();
    }

    /** @return the port of QuestDB's PostgreSQL wire server on 127.0.0.1 */
    public int pgPort() {
        return questDb.pgPort();
    }

    /**
     * @return SQL access for the analysis API and the retention job; one connection per call, close it when done
     */
    public QuestDbSql sql() {
        return new QuestDbSql(questDb);
    }

    @Override
    public void write(final List<Reading> readings) throws TelemetryStoreException {
        Objects.requireNonNull(readings, "readings must not be null.");
        if (readings.isEmpty()) {
            return;
        }
        final String lines = LineProtocol.encode(readings, tags);
        lifecycle.readLock().lock();
        try {
            requireOpen();
            ensureTables(readings);
            writeApi.writeRecord(WritePrecision.MS, lines);
        } catch (final InfluxException e) {
            // 400/422: the store refused the data itself (e.g. a column type conflict); 413: the request is too
            // large. Repeating the same write cannot succeed; the writer splits it and quarantines what is refused.
            // Other 4xx (401, 403, 404) are configuration errors: the data is fine, so keep it and retry.
            final boolean refused = e.status() == 400 || e.status() == 413 || e.status() == 422;
            throw new TelemetryStoreException("QuestDB did not store " + readings.size() + " readings: "
                    + e.getMessage(), e, !refused);
        } catch (final RuntimeException e) {
            throw new TelemetryStoreException("QuestDB did not store " + readings.size() + " readings: " + e, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public List<StoredReading> history(final String deviceType, final String deviceId, final Instant from,
                                       final Instant to, final int limit) throws TelemetryStoreException {
        TelemetrySchema.requireValidDeviceType(deviceType);
        Objects.requireNonNull(deviceId, "deviceId must not be null.");
        Objects.requireNonNull(from, "from must not be null.");
        Objects.requireNonNull(to, "to must not be null.");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
        if (!to.isAfter(from)) {
            return List.of();
        }
        final Timer.Sample sample = Timer.start();
        lifecycle.readLock().lock();
        try {
            requireOpen();
            if (!historySql.awaitTable(deviceType)) {
                return List.of();
            }
            try {
                return historySql.query(HISTORY_SQL.formatted(deviceType), List.of(deviceId, from, to, limit),
                        new StoredReadingMapper());
            } catch (final TelemetryStoreException e) {
                throw new TelemetryStoreException("history of " + deviceType + " '" + deviceId + "' failed: "
                        + e.getMessage(), e);
            }
        } finally {
            lifecycle.readLock().unlock();
            sample.stop(historyTimer);
        }
    }

    /**
     * Waits for writes and queries in progress, closes the connections and stops QuestDB. Idempotent; blocks until
     * QuestDB has stopped. Later calls fail with a retryable {@link TelemetryStoreException} (the data is not at
     * fault, so a writer keeps it for another store).
     */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            historySql.close();
            influx.close();
            questDb.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void ensureTables(final List<Reading> readings) throws TelemetryStoreException {
        for (final Reading reading : readings) {
            final String type = reading.getDeviceType();
            if (!deduplicatedTables.contains(type)) {
                TelemetrySchema.requireValidDeviceType(type);
                questDb.ensureDeduplicatedTable(type);
                deduplicatedTables.add(type);
            }
        }
    }

    private void requireOpen() throws TelemetryStoreException {
        if (closed) {
            // Retryable: the readings are fine, and a writer must keep them (spool) rather than quarantine them.
            throw new TelemetryStoreException("the QuestDB telemetry store is closed", null, true);
        }
    }
}
