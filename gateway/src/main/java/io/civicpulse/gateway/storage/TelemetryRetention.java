// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.gateway.config.TelemetryStoreConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Retention of the embedded store, on a schedule: rolls finished hours of every device-type table up into
 * {@code <type>_hourly} (see {@link HourlyRollup}), then drops raw day partitions older than
 * {@code telemetry.retention.raw} (never hours not yet rolled up) and hourly month partitions older than
 * {@code telemetry.retention.hourly}. Runs on its own daemon thread; a failed run is logged, counted and retried at
 * the next interval.
 */
public final class TelemetryRetention implements AutoCloseable {
    /** Runs, tagged {@code outcome=ok|failed}. */
    public static final String RUNS = "gateway.telemetry.retention.runs";
    /** Raw readings dropped with their day partitions. */
    public static final String DROPPED = "gateway.telemetry.retention.dropped.readings";
    /** Hourly rows written (recomputed hours count again). */
    public static final String ROLLED_UP = "gateway.telemetry.retention.rollup.rows";
    /** Duration of one run. */
    public static final String DURATION = "gateway.telemetry.retention.duration";
    /** Epoch seconds of the last successful run (0 before the first). */
    public static final String LAST_SUCCESS = "gateway.telemetry.retention.last.success";
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryRetention.class);

    private final QuestDbSql sql;
    private final TelemetryStoreConfig.Retention settings;
    private final Clock clock;
    private final HourlyRollup rollup;
    private final Counter ok;
    private final Counter failed;
    private final Counter dropped;
    private final Counter rolledUp;
    private final Timer duration;
    private final AtomicLong lastSuccess = new AtomicLong();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        final Thread t = new Thread(r, "telemetry-retention");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param sql      SQL on the embedded store; closed with this job
     * @param settings retention settings
     * @param clock    decides "now"
     * @param metrics  where the metrics go
     */
    public TelemetryRetention(final QuestDbSql sql, final TelemetryStoreConfig.Retention settings, final Clock clock,
                              final MeterRegistry metrics) {
        this.sql = sql;
        this.settings = settings;
        this.clock = clock;
        this.rollup = new HourlyRollup(sql);
        this.ok = Counter.builder(RUNS).tag("outcome", "ok").register(metrics);
        this.failed = Counter.builder(RUNS).tag("outcome", "failed").register(metrics);
        this.dropped = Counter.builder(DROPPED).register(metrics);
        this.rolledUp = Counter.builder(ROLLED_UP).register(metrics);
        this.duration = Timer.builder(DURATION).register(metrics);
        Gauge.builder(LAST_SUCCESS, lastSuccess, AtomicLong::get).register(metrics);
    }

    /** Schedules runs every interval, the first one a minute after start (start-up stays quick). */
    public void start() {
        final long period = settings.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runSafely, Math.min(period, 60_000L), period, TimeUnit.MILLISECONDS);
    }

    /**
     * One run: roll up, then drop what is past retention.
     *
     * @throws TelemetryStoreException if QuestDB refuses a statement
     */
    public void runOnce() throws TelemetryStoreException {
        final Timer.Sample sample = Timer.start();
        final Instant now = clock.instant();
        final Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
        final Instant rawCutoff = now.minus(settings.rawFor()).truncatedTo(ChronoUnit.DAYS);
        // Hourly tables are partitioned by month: cut at a month start so no partition holds younger rows.
        final Instant hourlyCutoff = now.minus(settings.hourlyFor()).atZone(ZoneOffset.UTC).withDayOfMonth(1)
                .truncatedTo(ChronoUnit.DAYS).toInstant();
        for (final String table : rollup.rawTables()) {
            rolledUp.increment(rollup.rollUp(table, currentHour));
            // Never drop hours that are not rolled up yet: the roll-up covers everything before the current hour.
            dropped.increment(dropBefore(table, rawCutoff.isBefore(currentHour) ? rawCutoff : currentHour));
            if (sql.awaitTable(HourlyRollup.hourlyTable(table))) {
                dropBefore(HourlyRollup.hourlyTable(table), hourlyCutoff);
            }
        }
        sample.stop(duration);
        lastSuccess.set(clock.instant().getEpochSecond());
    }

    private long dropBefore(final String table, final Instant cutoff) throws TelemetryStoreException {
        sql.awaitTable(table);
        final List<Long> old = sql.query("SELECT count() FROM " + table + " WHERE timestamp < ?", List.of(cutoff),
                r -> r.getLong(1));
        final long count = old.isEmpty() ? 0 : old.get(0);
        if (count > 0) {
            // Drops whole partitions (days for raw tables, months for hourly ones) that end before the cutoff.
            sql.execute("ALTER TABLE " + table + " DROP PARTITION WHERE timestamp < '" + cutoff + "'");
            sql.awaitTable(table);
            LOG.info("Retention dropped partitions of {} before {} ({} rows were older)", table, cutoff, count);
        }
        return count;
    }

    private void runSafely() {
        try {
            runOnce();
            ok.increment();
        } catch (final TelemetryStoreException | RuntimeException e) {
            failed.increment();
            LOG.warn("Telemetry retention run failed; retried in {}: {}", settings.interval(), e.getMessage());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (final InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sql.close();
    }
}
