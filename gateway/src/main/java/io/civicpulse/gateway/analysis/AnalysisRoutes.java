// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.http.BadRequestException;
import io.civicpulse.gateway.http.QueryParams;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.storage.InfluxDbTelemetryStore;
import io.civicpulse.gateway.storage.QuestDbSql;
import io.civicpulse.gateway.storage.TelemetryStack;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.engine.RuleParameters;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The analysis API, JSON by default and CSV with {@code ?format=csv} or {@code Accept: text/csv}; every bad parameter
 * is a 400 naming it. Every answer works on both backends: each analysis asks {@link AnalysisQueries} (SQL on the
 * embedded QuestDB, Flux on InfluxDB) for series and computes the answer itself. Routes: see {@link #register}.
 */
public final class AnalysisRoutes {
    /** Longest range one request may cover. */
    static final Duration MAX_RANGE = Duration.ofDays(366);
    private static final Duration DAY = Duration.ofDays(1);

    private final Registry registry;
    private final Clock clock;
    private final DeviceHistory history;
    private final BinAnalysis bins;
    private final StreetlightAnalysis streetlights;
    private final GateAnalysis gates;
    private final FleetAnalysis fleet;
    private final RuleParameters rules;

    /**
     * Every answer, on the embedded store.
     *
     * @param sql      SQL on the embedded store (not closed here)
     * @param registry the devices
     * @param rules    thresholds shared with the rules (dark current, on-window, full level, held-open, silence)
     * @param clock    decides "now"
     */
    public AnalysisRoutes(final QuestDbSql sql, final Registry registry, final RuleParameters rules,
                          final Clock clock) {
        this(new HistoryAnalysis(Objects.requireNonNull(sql, "sql must not be null.")),
                new QuestDbAnalysisQueries(sql), registry, rules, clock);
    }

    /** On any backend: its history and its queries. */
    AnalysisRoutes(final DeviceHistory history, final AnalysisQueries queries, final Registry registry,
                   final RuleParameters rules, final Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.rules = Objects.requireNonNull(rules, "rules must not be null.");
        this.history = history;
        this.bins = new BinAnalysis(queries);
        this.streetlights = new StreetlightAnalysis(queries, rules);
        this.gates = new GateAnalysis(queries, rules);
        this.fleet = new FleetAnalysis(queries, rules);
    }

    /**
     * @param stack    the running telemetry stack: embedded QuestDB or InfluxDB
     * @param registry the devices
     * @param rules    thresholds shared with the rules
     * @param clock    decides "now"
     * @return the routes for that backend
     */
    public static AnalysisRoutes forStack(final TelemetryStack stack, final Registry registry,
                                          final RuleParameters rules, final Clock clock) {
        if (stack.sql() != null) {
            return new AnalysisRoutes(stack.sql(), registry, rules, clock);
        }
        if (stack.store() instanceof InfluxDbTelemetryStore influx) {
            return new AnalysisRoutes(new InfluxDbHistory(influx), new InfluxDbAnalysisQueries(influx::query,
                    influx.bucket()), registry, rules, clock);
        }
        throw new IllegalArgumentException("no analysis for the store " + stack.store().getClass().getSimpleName());
    }

    /** @param config the HTTP API's Javalin configuration, to which the routes are added */
    public void register(final JavalinConfig config) {
        config.routes.get("/api/analysis/devices/{id}/history", this::deviceHistory);
        config.routes.get("/api/analysis/bins", ctx -> answer(ctx, BinAnalysis.table(states(ctx)), Map.of()));
        config.routes.get("/api/analysis/bins/collection", this::collection);
        config.routes.get("/api/analysis/streetlights", ctx -> streetlights(ctx, false));
        config.routes.get("/api/analysis/streetlights/daytime", ctx -> streetlights(ctx, true));
        config.routes.get("/api/analysis/streetlights/segments", this::segments);
        config.routes.get("/api/analysis/gates/traffic", this::traffic);
        config.routes.get("/api/analysis/gates/held-open", this::heldOpen);
        config.routes.get("/api/analysis/fleet", this::fleetHealth);
        // The HTTP API answers these the same way; registered here too so the routes also stand alone (tests).
        config.routes.exception(BadRequestException.class, (e, ctx) -> ctx.status(400)
                .json(Map.of("status", 400, "error", e.getMessage())));
    }

    private void deviceHistory(final Context ctx) throws TelemetryStoreException {
        final String id = ctx.pathParam("id");
        final Device device = registry.device(id).orElse(null);
        if (device == null) {
            ctx.status(404).json(Map.of("status", 404, "error", "no device " + id));
            return;
        }
        final Instant to = QueryParams.instant(ctx, "to", clock.instant());
        final Instant from = QueryParams.instant(ctx, "from", to.minus(DAY));
        QueryParams.requireOrdered(from, to, MAX_RANGE);
        final int points = QueryParams.intIn(ctx, "points", 500, 10, 10_000);
        final Duration bucket = HistoryAnalysis.bucketFor(from, to, points);
        answer(ctx, history.history(device, from, to, bucket), params("device", id, "from", from, "to", to,
                "bucket", bucket.toString()));
    }

    private List<BinAnalysis.BinState> states(final Context ctx) throws TelemetryStoreException {
        final Duration window = QueryParams.duration(ctx, "window", Duration.ofHours(6), Duration.ofMinutes(30),
                Duration.ofDays(7));
        return bins.states(devicesOf(BinAnalysis.TYPE), clock.instant(), window, rules.binFullPercent());
    }

    private void collection(final Context ctx) throws TelemetryStoreException {
        final int hours = QueryParams.intIn(ctx, "hours", 24, 1, 168);
        final Instant now = clock.instant();
        final AnalysisTable table = BinAnalysis.table(BinAnalysis.collectionList(states(ctx), now,
                Duration.ofHours(hours)));
        answer(ctx, table, params("now", now, "hours", hours, "fullPercent", rules.binFullPercent()));
    }

    private void streetlights(final Context ctx, final boolean daytimeOnly) throws TelemetryStoreException {
        final Instant[] range = range(ctx);
        answer(ctx, StreetlightAnalysis.lampTable(streetlights.lamps(range[0], range[1]), devicesById(), daytimeOnly),
                rangeParams(range, "bucket", StreetlightAnalysis.bucketFor(range[0], range[1])));
    }

    private void segments(final Context ctx) throws TelemetryStoreException {
        final Instant[] range = range(ctx);
        answer(ctx, StreetlightAnalysis.segmentTable(streetlights.lamps(range[0], range[1]), devicesById()),
                rangeParams(range, "bucket", StreetlightAnalysis.bucketFor(range[0], range[1])));
    }

    private void traffic(final Context ctx) throws TelemetryStoreException {
        final Instant[] range = range(ctx);
        final String device = ctx.queryParam("device");
        answer(ctx, gates.trafficByHour(range[0], range[1], device == null || device.isBlank() ? null : device),
                rangeParams(range, "zone", rules.zone().getId()));
    }

    private void heldOpen(final Context ctx) throws TelemetryStoreException {
        final Instant[] range = range(ctx);
        answer(ctx, gates.heldOpen(range[0], range[1]), rangeParams(range, "heldOpenAfterMinutes",
                rules.gateHeldOpenMillis() / 60_000L));
    }

    private void fleetHealth(final Context ctx) throws TelemetryStoreException {
        final Duration window = QueryParams.duration(ctx, "window", DAY, Duration.ofMinutes(1), MAX_RANGE);
        final boolean silentOnly = QueryParams.bool(ctx, "silent");
        final Instant now = clock.instant();
        answer(ctx, fleet.health(registry.devices().stream().toList(), now, window, silentOnly),
                params("now", now, "window", window.toString()));
    }

    private Instant[] range(final Context ctx) {
        final Instant to = QueryParams.instant(ctx, "to", clock.instant());
        final Instant from = QueryParams.instant(ctx, "from", to.minus(DAY));
        QueryParams.requireOrdered(from, to, MAX_RANGE);
        return new Instant[] {from, to};
    }

    private List<Device> devicesOf(final String type) {
        return registry.devices().stream().filter(d -> type.equals(d.type())).toList();
    }

    private Map<String, Device> devicesById() {
        return registry.devices().stream().collect(java.util.stream.Collectors.toMap(Device::id,
                Function.identity()));
    }

    private static Map<String, Object> rangeParams(final Instant[] range, final String key, final Object value) {
        return params("from", range[0], "to", range[1], key, value instanceof Duration d ? d.toString() : value);
    }

    private static Map<String, Object> params(final Object... keysAndValues) {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static void answer(final Context ctx, final AnalysisTable table, final Map<String, Object> parameters) {
        if (QueryParams.wantsCsv(ctx)) {
            ctx.contentType("text/csv; charset=utf-8").result(table.toCsv());
        } else {
            ctx.json(table.toJson(parameters));
        }
    }
}
