// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import io.civicpulse.gateway.http.QueryParams;
import io.civicpulse.gateway.http.QueryParams.Page;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.ruleops.ApiRequest.Failure;
import io.civicpulse.gateway.storage.StoredReading;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryStoreException;
import io.civicpulse.rules.engine.RuleEngine;
import io.civicpulse.rules.model.Reading;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/rules} (pack status and the last rejected reload), {@code POST /api/rules/reload},
 * {@code GET /api/rules/shadow}, {@code POST /api/rules/replay} and {@code GET /api/suppressed}.
 *
 * <p>The two logs are listed newest first and filtered by {@code since}, {@code until}, {@code device},
 * {@code category} (and {@code reason} for the ledger), paged by {@code offset} and {@code limit} (1 to
 * {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}); a bad value is a 400 naming the parameter.
 *
 * <p>Replay: the body is JSONL ({@link ReplayReadings}), or with {@code ?source=store&devices=a,b&from=&to=} the
 * readings come from the time-series store; {@code ?shadow=true} replays through the shadow pack; {@code ?until=}
 * moves the clock on after the last reading.
 */
final class RuleOpsRoutes {
    /** Readings per device read from the store for one replay at most. */
    static final int MAX_STORE_READINGS = 100_000;
    /** Entries of the shadow log or the suppression ledger per request when no {@code limit} is given. */
    static final int DEFAULT_LIMIT = 100;
    /** Largest {@code limit} of the shadow log and the suppression ledger. */
    static final int MAX_LIMIT = 10_000;
    private final RuleOpsModule ops;
    private final TelemetryStore telemetry;
    private final Registry registry;

    RuleOpsRoutes(final RuleOpsModule ops, final TelemetryStore telemetry, final Registry registry) {
        this.ops = ops;
        this.telemetry = telemetry;
        this.registry = registry;
    }

    void mount(final JavalinConfig config) {
        config.routes.get("/api/rules", ctx -> ctx.json(status()));
        config.routes.post("/api/rules/reload", ctx -> {
            final boolean swapped = ops.reloader().reload();
            ctx.status(swapped ? 200 : 422).json(status());
        });
        config.routes.get("/api/rules/shadow", ctx -> {
            final Page p = QueryParams.page(ctx, DEFAULT_LIMIT, MAX_LIMIT);
            ctx.json(ops.shadowLog().query(new ShadowLog.Query(p.since(), p.until(), QueryParams.text(ctx, "device"),
                    QueryParams.text(ctx, "category"), p.offset(), p.limit())));
        });
        config.routes.post("/api/rules/replay", this::replay);
        config.routes.get("/api/suppressed", ctx -> {
            final Page p = QueryParams.page(ctx, DEFAULT_LIMIT, MAX_LIMIT);
            ctx.json(ops.ledger().query(new SuppressionLedger.Query(p.since(), p.until(),
                    QueryParams.text(ctx, "device"), QueryParams.text(ctx, "category"),
                    QueryParams.enumValue(ctx, "reason", SuppressionLedger.Reason.class), p.offset(), p.limit())));
        });
    }

    private Map<String, Object> status() {
        final RulePack pack = ops.reloader().current();
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", pack.generation());
        m.put("loadedAt", pack.loadedAt());
        m.put("rules", pack.live().ruleIds().size());
        m.put("liveFiles", pack.liveFiles().stream().map(Object::toString).toList());
        m.put("shadowFiles", pack.shadowFiles().stream().map(Object::toString).toList());
        m.put("versions", pack.live().ruleVersions());
        m.put("lastAttempt", ops.reloader().lastAttempt());
        m.put("rejected", ops.reloader().lastProblems());
        return m;
    }

    private void replay(final Context ctx) throws IOException {
        final boolean shadow = "true".equals(ctx.queryParam("shadow"));
        final RulePack pack = ops.reloader().current();
        final RuleEngine engine = shadow ? pack.shadow() : pack.live();
        if (engine == null) {
            throw new Failure(400, "shadow=true but the operator folder holds no *.shadow.drl file");
        }
        final List<Reading> readings = "store".equals(ctx.queryParam("source")) ? fromStore(ctx) : fromBody(ctx);
        final Instant until = QueryParams.instant(ctx, "until", Instant.EPOCH);
        ctx.json(ops.replay().replay(engine, readings, until.toEpochMilli()));
    }

    private static List<Reading> fromBody(final Context ctx) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(ctx.bodyInputStream(),
                StandardCharsets.UTF_8))) {
            return ReplayReadings.parse(in);
        } catch (final IllegalArgumentException e) {
            throw new Failure(400, "replay body (JSONL): " + e.getMessage());
        }
    }

    private List<Reading> fromStore(final Context ctx) {
        final String ids = QueryParams.text(ctx, "devices");
        if (ids == null) {
            throw new Failure(400, "source=store needs devices=id1,id2");
        }
        final Instant to = QueryParams.instant(ctx, "to", Instant.now());
        final Instant from = QueryParams.instant(ctx, "from", to.minus(Duration.ofHours(24)));
        if (!from.isBefore(to)) {
            throw new Failure(400, "from (" + from + ") must be before to (" + to + ")");
        }
        final List<Reading> readings = new ArrayList<>();
        for (final String id : ids.split(",")) {
            final Device d = registry.device(id.trim()).orElseThrow(() -> new Failure(404, "no device " + id.trim()));
            try {
                for (final StoredReading s : telemetry.history(d.type(), d.id(), from, to, MAX_STORE_READINGS)) {
                    readings.add(new Reading(d.community(), d.type(), d.id(), s.timestamp().toEpochMilli(),
                            s.sequence(), s.metrics()));
                }
            } catch (final TelemetryStoreException e) {
                throw new Failure(503, "the time-series store cannot be read: " + e.getMessage());
            }
        }
        return readings;
    }
}
