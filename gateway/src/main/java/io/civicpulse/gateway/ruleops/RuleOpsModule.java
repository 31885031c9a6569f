// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.alerts.AlertDispatcher;
import io.civicpulse.gateway.alerts.AlertRoutes;
import io.civicpulse.gateway.alerts.AlertStream;
import io.civicpulse.gateway.alerts.DeliveryLog;
import io.civicpulse.gateway.alerts.WebhookSender;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.config.RuleOpsConfig;
import io.civicpulse.gateway.alerts.JdbcDeliveryLog;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.journal.JournalException;
import io.civicpulse.gateway.journal.JournalWriter;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.silences.SilenceRoutes;
import io.civicpulse.gateway.silences.SilenceStore;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.rules.engine.AnomalyListener;
import io.civicpulse.rules.engine.RuleCompilationException;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.engine.SolarSchedule;
import io.civicpulse.rules.model.Anomaly;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Wires rule operations and alert delivery for the composition root: the hot-reloaded rule pack, lane sessions that
 * follow it, the anomaly gate (roll-up, inhibition, flapping, silences), replay, webhooks, the console stream,
 * reminders, the operations journal (suppressions, shadow verdicts and webhook attempts in the issue database), and
 * their HTTP routes. Closing it stops the watcher and the alert scheduler and flushes the journal.
 */
public final class RuleOpsModule implements AutoCloseable {
    private final RuleOpsConfig settings;
    private final RuleParameters parameters;
    private final RuleReloader reloader;
    private final SilenceStore silences;
    private final SuppressionLedger ledger;
    private final JournalWriter journal;
    private final ShadowLog shadowLog;
    private final AnomalyGate gate;
    private final ReplayService replay;
    private final ScheduledExecutorService scheduler;
    private final DeliveryLog deliveries;
    private final AlertStream stream = new AlertStream();
    private final ObjectMapper json;
    private final Clock clock;
    private AlertDispatcher alerts;

    private RuleOpsModule(final GatewayConfig config, final Registry registry, final ObjectMapper json,
                          final MeterRegistry metrics, final Clock clock, final Consumer<Anomaly> issueIntake,
                          final DataSource journalDb) throws RuleCompilationException {
        this.settings = config.ruleOps();
        this.json = json;
        this.clock = clock;
        this.parameters = settings.solar() ? config.rules().withSolar(solarSchedule(registry, settings))
                : config.rules();
        this.reloader = new RuleReloader(config.ruleFiles(), settings.operatorRulesDir(), clock);
        this.silences = new SilenceStore(config.dataDir().resolve("silences.json"), json, clock);
        // Last of the steps that may fail, so a failed start leaves no writer thread behind.
        final RuleOpsConfig.Journal j = settings.journal();
        this.journal = JournalWriter.start(journalDb, j.queueCapacity(), j.retention(), j.pruneInterval(), clock,
                metrics);
        this.ledger = new JdbcSuppressionLedger(journal, metrics);
        this.shadowLog = new JdbcShadowLog(journal, clock);
        this.deliveries = new JdbcDeliveryLog(journal);
        this.gate = new AnomalyGate(registry::device, silences, ledger, issueIntake, settings.flappingTransitions(),
                settings.flappingWindow().toMillis(), settings.rollupMinDarkLamps(), clock);
        this.replay = new ReplayService(registry::device, parameters, settings.conditions(),
                settings.flappingTransitions(), settings.flappingWindow().toMillis(), settings.rollupMinDarkLamps());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            final Thread t = new Thread(r, "alerts");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Compiles the rules (configured files and the operator folder) and starts watching the folder.
     *
     * @param config      the configuration
     * @param registry    devices (positions for the solar schedule, segments, areas)
     * @param json        the gateway's mapper
     * @param metrics     meters
     * @param clock       the gateway clock
     * @param issueIntake where anomalies that pass the gate go (the issue service)
     * @param journalDb   the issue database, which keeps the suppression ledger, shadow log and delivery log
     * @return the started module
     * @throws RuleCompilationException naming {@code file:line: message} for each problem
     * @throws UncheckedIOException     if the operator folder cannot be watched or silences cannot be read
     */
    public static RuleOpsModule start(final GatewayConfig config, final Registry registry, final ObjectMapper json,
                                      final MeterRegistry metrics, final Clock clock,
                                      final Consumer<Anomaly> issueIntake, final DataSource journalDb)
            throws RuleCompilationException {
        final RuleOpsModule module = new RuleOpsModule(config, registry, json, metrics, clock, issueIntake,
                journalDb);
        try {
            module.reloader.startWatching();
        } catch (final IOException e) {
            module.close();
            throw new UncheckedIOException("cannot watch the operator rule folder " + module.settings
                    .operatorRulesDir() + ": " + e.getMessage(), e);
        }
        module.scheduler.scheduleWithFixedDelay(module.gate::settleFlapping, 10, 10, TimeUnit.SECONDS);
        return module;
    }

    /**
     * @param mqtt the MQTT alert publisher
     * @return the listener to hand to the issue service: MQTT per event plus grouped webhooks, stream, reminders
     */
    public IssueEventListener alerts(final IssueEventListener mqtt) {
        alerts = new AlertDispatcher(mqtt, settings.webhooks(), new WebhookSender(scheduler, deliveries, clock,
                settings.webhookMaxAttempts(), settings.webhookBackoff()), stream, json, scheduler, clock,
                settings.groupWindow(), settings.reminderInterval());
        return alerts;
    }

    /**
     * @param listener    receives the lane's verdicts (the gateway passes them to {@link #gate()})
     * @param startMillis the lane clock's start
     * @return a lane session that follows hot reloads, with the configured conditions
     */
    public RuleSession openLaneSession(final AnomalyListener listener, final long startMillis) {
        return new ReloadableRuleSession(reloader::current, parameters, settings.conditions(), listener, shadowLog,
                startMillis);
    }

    /**
     * @param telemetry the reading history (replay from the store)
     * @param registry  devices
     * @return the routes of rules, silences and alerts, to mount on the HTTP API
     */
    public Consumer<JavalinConfig> routes(final TelemetryStore telemetry, final Registry registry) {
        return config -> {
            ApiRequest.handleFailures(config);
            config.routes.exception(JournalException.class, (e, ctx) -> ctx.status(503)
                    .json(Map.of("status", 503, "error", e.getMessage())));
            new RuleOpsRoutes(this, telemetry, registry).mount(config);
            new SilenceRoutes(silences, clock).mount(config);
            if (alerts != null) {
                new AlertRoutes(alerts, deliveries, stream).mount(config);
            }
        };
    }

    /** @return the gate between the rules and the issue store */
    public AnomalyGate gate() {
        return gate;
    }

    RuleReloader reloader() {
        return reloader;
    }

    ShadowLog shadowLog() {
        return shadowLog;
    }

    SuppressionLedger ledger() {
        return ledger;
    }

    ReplayService replay() {
        return replay;
    }

    private static SolarSchedule solarSchedule(final Registry registry, final RuleOpsConfig settings) {
        final Map<String, double[]> positions = new HashMap<>();
        for (final Device d : registry.devices()) {
            if ("streetlight".equals(d.type()) && !Double.isNaN(d.lat()) && !Double.isNaN(d.lon())) {
                positions.put(d.id(), new double[] {d.lat(), d.lon()});
            }
        }
        return new SolarSchedule(positions, settings.duskOffset().toMillis(), settings.dawnOffset().toMillis());
    }

    /** Stops the watcher and the alert scheduler, then writes the journal rows still queued. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            reloader.close();
        } catch (final IOException e) {
            // Closing a watch service only fails if it is already broken; nothing is left to release.
        }
        journal.close();
    }
}
