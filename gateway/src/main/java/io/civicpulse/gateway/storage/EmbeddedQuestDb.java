// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.questdb.ServerMain;
import io.questdb.cairo.TableToken;
import io.questdb.griffin.SqlException;
import io.questdb.log.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * QuestDB running inside the gateway process: HTTP (line protocol on {@code /api/v2/write}, web console) and
 * PostgreSQL wire, both bound to 127.0.0.1 on ephemeral ports, without authentication beyond QuestDB's default
 * PG user; min-HTTP, ILP/TCP, UDP and telemetry off. Thread-safe.
 */
final class EmbeddedQuestDb implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedQuestDb.class);
    private static final String LOG_CONF_RESOURCE = "/questdb/log.conf";
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "QDB_HTTP_NET_BIND_TO", "127.0.0.1:0",
            "QDB_PG_NET_BIND_TO", "127.0.0.1:0",
            "QDB_HTTP_MIN_ENABLED", "false",
            "QDB_LINE_TCP_ENABLED", "false",
            "QDB_LINE_UDP_ENABLED", "false",
            "QDB_LINE_HTTP_ENABLED", "true",
            "QDB_TELEMETRY_ENABLED", "false");

    private final ServerMain server;

    private EmbeddedQuestDb(final ServerMain server) {
        this.server = server;
    }

    /**
     * Starts QuestDB in {@code root} (created if missing). QuestDB's own logging is configured from
     * {@code root/conf/log.conf}, written here, but only by the first QuestDB of the JVM: its log factory is a
     * process-wide singleton, so later instances keep logging to the first one's folder.
     *
     * @param pgPort port of the PostgreSQL wire server on 127.0.0.1; 0 picks a free one
     * @throws TelemetryStoreException if the folder cannot be prepared or QuestDB does not start
     */
    static EmbeddedQuestDb start(final Path root, final int pgPort) throws TelemetryStoreException {
        final long started = System.nanoTime();
        prepareRoot(root);
        // Before any other QuestDB class loads: the log factory reads conf/log.conf under this root once.
        LogFactory.configureRootDir(root.toString());
        ServerMain server = null;
        try {
            final Map<String, String> environment = new HashMap<>(ENVIRONMENT);
            environment.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pgPort);
            server = ServerMain.create(root.toString(), environment);
            server.start();
        } catch (final RuntimeException | LinkageError e) {
            if (server != null) {
                server.close();
            }
            throw new TelemetryStoreException("embedded QuestDB did not start in " + root + ": " + e, e, false);
        }
        final EmbeddedQuestDb questDb = new EmbeddedQuestDb(server);
        LOG.info("Embedded QuestDB started in {} ms: http 127.0.0.1:{}, pg 127.0.0.1:{}, data {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), questDb.httpPort(), questDb.pgPort(),
                root);
        return questDb;
    }

    int httpPort() {
        return server.getHttpServerPort();
    }

    int pgPort() {
        return server.getPgWireServerPort();
    }

    /**
     * Waits until every transaction committed to the table's write-ahead log before this call is applied to the
     * table, so a query sees it. Line protocol over HTTP acknowledges a write once it is committed to the WAL;
     * a separate job applies it, usually within milliseconds.
     *
     * @param table   table name
     * @param timeout how long to wait at most
     * @return false if the table does not exist
     * @throws TelemetryStoreException if the table is suspended (QuestDB could not apply its WAL) or the wait
     *                                 timed out
     */
    boolean awaitApplied(final String table, final Duration timeout) throws TelemetryStoreException {
        final TableToken token = server.getEngine().getTableTokenIfExists(table);
        if (token == null) {
            return false;
        }
        if (!token.isWal()) {
            return true;
        }
        try {
            server.getEngine().awaitTxn(table, -1, timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (final RuntimeException e) {
            throw new TelemetryStoreException("QuestDB table " + table + " did not apply its latest writes within "
                    + timeout.toMillis() + " ms: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the table of a device type if it does not exist yet, and turns on deduplication keyed by
     * (timestamp, device, seq) — also on a table that an older version created without it. With the key, a reading
     * written twice (a bridge redelivery after a restart, spool replay after a crash) is stored once: QuestDB
     * replaces the row instead of adding a second one. {@code seq} is part of the key so two different readings of
     * one device in the same millisecond (a load test) are both kept. Idempotent.
     *
     * @param table a device type, already checked by {@link TelemetrySchema#requireValidDeviceType}
     * @throws TelemetryStoreException if QuestDB refuses the statements
     */
    void ensureDeduplicatedTable(final String table) throws TelemetryStoreException {
        final String sql = "CREATE TABLE IF NOT EXISTS " + table + " (" + TelemetrySchema.TAG_AREA + " SYMBOL, "
                + TelemetrySchema.TAG_COMMUNITY + " SYMBOL, " + TelemetrySchema.TAG_DEVICE + " SYMBOL, "
                + TelemetrySchema.TAG_TYPE + " SYMBOL, " + TelemetrySchema.FIELD_SEQUENCE + " LONG, "
                + TelemetrySchema.COLUMN_TIMESTAMP + " TIMESTAMP) TIMESTAMP(" + TelemetrySchema.COLUMN_TIMESTAMP
                + ") PARTITION BY DAY WAL";
        try {
            server.getEngine().execute(sql);
            // Tables created by line protocol before dedup existed may lack seq (no reading carried one).
            server.getEngine().execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS "
                    + TelemetrySchema.FIELD_SEQUENCE + " LONG");
            server.getEngine().execute("ALTER TABLE " + table + " DEDUP ENABLE UPSERT KEYS("
                    + TelemetrySchema.COLUMN_TIMESTAMP + ", " + TelemetrySchema.TAG_DEVICE + ", "
                    + TelemetrySchema.FIELD_SEQUENCE + ")");
        } catch (final SqlException | RuntimeException e) {
            throw new TelemetryStoreException("cannot prepare QuestDB table " + table + " with deduplication: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Runs one SQL statement in the engine (DDL, {@code INSERT ... SELECT}, {@code ALTER TABLE}).
     *
     * @param sql a statement built from validated names only
     * @throws TelemetryStoreException if QuestDB refuses it
     */
    void execute(final String sql) throws TelemetryStoreException {
        try {
            server.getEngine().execute(sql);
        } catch (final SqlException | RuntimeException e) {
            throw new TelemetryStoreException("QuestDB refused [" + sql + "]: " + e.getMessage(), e, false);
        }
    }

    @Override
    public void close() {
        server.close();
    }

    private static void prepareRoot(final Path root) throws TelemetryStoreException {
        try (InputStream logConf = EmbeddedQuestDb.class.getResourceAsStream(LOG_CONF_RESOURCE)) {
            if (logConf == null) {
                throw new TelemetryStoreException("resource " + LOG_CONF_RESOURCE + " is missing", null, false);
            }
            Files.createDirectories(root.resolve("conf"));
            // QuestDB announces a log folder it has to create on stderr; it stays quiet if it exists.
            Files.createDirectories(root.resolve("log"));
            Files.copy(logConf, root.resolve("conf").resolve("log.conf"), StandardCopyOption.REPLACE_EXISTING);
        } catch (final IOException e) {
            throw new TelemetryStoreException("cannot prepare the QuestDB folder " + root + ": " + e.getMessage(), e,
                    false);
        }
    }
}
