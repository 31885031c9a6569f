// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.alerts.AlertPublisher;
import io.civicpulse.gateway.bridge.BrokerBridge;
import io.civicpulse.gateway.bootstrap.MqttServer;
import io.civicpulse.gateway.bootstrap.StartupException;
import io.civicpulse.gateway.config.ConfigException;
import io.civicpulse.gateway.config.GatewayConfig;
import io.civicpulse.gateway.fleet.DeviceActivity;
import io.civicpulse.gateway.fleet.FleetRoutes;
import io.civicpulse.gateway.fleet.FleetService;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.governance.PolicyException;
import io.civicpulse.gateway.escalation.ControllableClock;
import io.civicpulse.gateway.escalation.GovernanceRuntime;
import io.civicpulse.gateway.http.GovernanceRoutes;
import io.civicpulse.gateway.analysis.AnalysisRoutes;
import io.civicpulse.gateway.http.HttpApi;
import io.civicpulse.gateway.http.web.WebRoutes;
import io.civicpulse.gateway.ingest.IngestLanes;
import io.civicpulse.gateway.ingest.LanePipeline;
import io.civicpulse.gateway.ingest.PublishService;
import io.civicpulse.gateway.ingest.RejectionLedger;
import io.civicpulse.gateway.ingest.format.DeviceDirectory;
import io.civicpulse.gateway.ingest.format.FormatRouter;
import io.civicpulse.gateway.issues.IssueDatabase;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.issues.IssueService;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.metrics.GatewayMetrics;
import io.civicpulse.gateway.bootstrap.TlsContexts;
import io.civicpulse.gateway.mqtt.AccessControl;
import io.civicpulse.gateway.mqtt.AuthThrottle;
import io.civicpulse.gateway.mqtt.Broker;
import io.civicpulse.gateway.mqtt.ConnectService;
import io.civicpulse.gateway.mqtt.DeviceStatusListener;
import io.civicpulse.gateway.mqtt.Disconnector;
import io.civicpulse.gateway.mqtt.DownlinkService;
import io.civicpulse.gateway.mqtt.H2SessionStore;
import io.civicpulse.gateway.mqtt.MqttServices;
import io.civicpulse.gateway.mqtt.SessionRegistry;
import io.civicpulse.gateway.mqtt.SubscriptionService;
import io.civicpulse.gateway.open311.PublicApi;
import io.civicpulse.gateway.residents.ResidentsConfig;
import io.civicpulse.gateway.registry.CrewAccount;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.registry.Registry;
import io.civicpulse.gateway.registry.RegistryLoader;
import io.civicpulse.gateway.ruleops.RuleOpsModule;
import io.civicpulse.gateway.storage.TelemetryStack;
import io.civicpulse.gateway.storage.TelemetryStore;
import io.civicpulse.gateway.storage.TelemetryWriter;
import io.civicpulse.gateway.storage.spool.TelemetrySpool;
import io.civicpulse.rules.engine.RuleCompilationException;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.DeviceProfile;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The composition root: builds every service from a {@link GatewayConfig}, starts them in dependency order and
 * stops them in reverse. Tests embed it on ephemeral ports; the CLI runs it.
 */
public final class Gateway implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);

    private final GatewayConfig config;
    private final Clock clock;
    private final ControllableClock labClock;
    private GovernanceRuntime governance;
    private IssueDatabase issueDatabase;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Everything started so far, closed in reverse order. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Instant startedAt;
    private Registry registry;
    private volatile IssueService issues;
    private RuleOpsModule ruleOps;
    private TelemetryStore telemetry;
    private TelemetrySpool spool;
    private DeviceActivity activity;
    private SessionRegistry sessions;
    private InetSocketAddress mqttAddress;
    private InetSocketAddress mqttTlsAddress;
    private InetSocketAddress httpAddress;
    private BrokerBridge bridge;
    private DownlinkService downlink;
    private Broker broker;
    private volatile DeviceStatusListener deviceStatus = DeviceStatusListener.NONE;
    private volatile IngestLanes lanes;

    /**
     * @param config the validated configuration
     * @param clock  the gateway clock (tests inject one)
     */
    public Gateway(final GatewayConfig config, final Clock clock) {
        this.config = config;
        // Lab/demo: clock.speed and clock.controllable run deadlines and escalation faster (GovernanceRuntime).
        this.labClock = config.clock().isLab()
                ? new ControllableClock(clock.instant(), config.clock().speed(), System::nanoTime) : null;
        this.clock = labClock == null ? clock : labClock;
        this.startedAt = this.clock.instant();
    }

    /**
     * Starts stores, rules, lanes, the MQTT listener, the HTTP API and, when enabled, the broker bridge. On failure
     * everything already started is stopped again.
     *
     * @throws ConfigException     a registry or policy file is wrong
     * @throws StartupException    a port cannot be bound or a store cannot start
     * @throws RuleCompilationException the rules do not compile
     */
    public void start() throws ConfigException, StartupException, RuleCompilationException {
        try {
            startAll();
        } catch (final ConfigException | StartupException | RuleCompilationException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void startAll() throws ConfigException, StartupException, RuleCompilationException {
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        createDataDir();
        registry = RegistryLoader.load(config.devicesFile(), config.crewsFile());
        final GovernancePolicy policy = loadPolicy();
        // Opened before the rules: the suppression ledger, shadow log and delivery log are kept in it too.
        issueDatabase = openIssueDatabase();
        ruleOps = RuleOpsModule.start(config, registry, json, metrics, clock, anomaly -> issues.submit(anomaly),
                issueDatabase.dataSource());
        started.push(ruleOps);
        LOG.info("Rules loaded: {} devices, {} crew accounts", registry.devices().size(), registry.crews().size());

        final TelemetryStack stack = TelemetryStack.start(config, clock, metrics, started,
                id -> registry.device(id).map(Device::area).orElse(""));
        telemetry = stack.store();
        activity = new DeviceActivity(telemetry);
        spool = stack.spool();
        final TelemetryWriter writer = stack.writer();

        broker = startBroker();
        final GatewayConfig.Mqtt mq = config.mqtt();
        final AccessControl acl = new AccessControl(mq.broker().openAcl());
        final SubscriptionService subscriptions = new SubscriptionService(broker, acl, mq.broker().maximumQos());
        downlink = new DownlinkService(broker);
        issues = startIssues(policy, ruleOps.alerts(new AlertPublisher(subscriptions, json, metrics)));
        lanes = startLanes(writer);

        final RejectionLedger ledger = new RejectionLedger(1000);
        final PublishService publishes = new PublishService(FormatRouter.create(config.formats(),
                DeviceDirectory.of(registry), mq.maxFutureSkew().toMillis()), lanes, ledger, clock, metrics);
        final ConnectService connects = new ConnectService(registry, 2, 10_000, new AuthThrottle(
                mq.limits().authFailures(), mq.limits().authFailureWindow(), mq.limits().authCooldown(),
                clock::millis), mq.broker().allowAnonymous());
        started.push(connects);
        sessions = new SessionRegistry();
        Gauge.builder(GatewayMetrics.MQTT_CONNECTIONS, sessions, SessionRegistry::size).register(metrics);
        final MqttServer mqtt = new MqttServer();
        started.push(mqtt);
        final MqttServices services = new MqttServices(mq, connects, publishes, broker, acl, subscriptions, sessions,
                new Disconnector(metrics), metrics);
        mqttAddress = mqtt.start(services, mq.bindAddress(), mq.port());
        if (mq.tls().enabled()) {
            mqttTlsAddress = mqtt.startTls(services, TlsContexts.server(mq.tls()), mq.bindAddress(), mq.tls().port());
        }

        final HttpApi http = new HttpApi(telemetry, registry, ledger, metrics, this::health, json);
        http.addRoutes(ruleOps.routes(telemetry, registry));
        http.addRoutes(new GovernanceRoutes(governance, issues, json)::register);
        // Resident reports open issues on the same path as sensors: the governance listener starts their timers.
        http.addRoutes(PublicApi.create(issueDatabase.dataSource(), policy, registry, ResidentsConfig.load(
                config.governanceFile().resolveSibling("residents.yaml")), clock, governance.anomalyListener(),
                json));
        http.addRoutes(AnalysisRoutes.forStack(stack, registry, config.rules(), clock)::register);
        http.addRoutes(new FleetRoutes(new FleetService(registry, activity, issues, ruleOps.gate(),
                sessions::contains, config.rules(), clock, startedAt))::mount);
        http.addRoutes(WebRoutes.create(policy)::mount);
        started.push(http);
        httpAddress = startHttp(http);
        startBridge(publishes);
        LOG.info("CivicPulse started: MQTT {}{} HTTP {}", mqttAddress,
                mqttTlsAddress == null ? "" : " MQTT TLS " + mqttTlsAddress, httpAddress);
    }

    private Broker startBroker() throws StartupException {
        final GatewayConfig.Broker b = config.mqtt().broker();
        if (b.allowAnonymous() || b.openAcl()) {
            LOG.warn("*** LAB MODE: mqtt.allowAnonymous={} mqtt.openAcl={} - any client may connect and read or "
                    + "write any topic. For conformance testing only; never expose this gateway. ***",
                    b.allowAnonymous(), b.openAcl());
        }
        final H2SessionStore store;
        try {
            store = H2SessionStore.open(config.dataDir());
        } catch (final java.sql.SQLException e) {
            throw new StartupException("the MQTT session store cannot be opened in " + config.dataDir()
                    .resolve("sessions") + " (is another gateway using this data folder?): " + e.getMessage(), e);
        }
        final Broker broker = new Broker(config.mqtt(), store, new DeviceStatusListener() {
            @Override
            public void onDeviceOffline(final Device device, final Instant at) {
                deviceWentOffline(device, at);
            }

            @Override
            public void onDeviceConnected(final Device device, final Instant at) {
                deviceConnected(device, at);
            }
        }, metrics, clock::millis);
        started.push(broker);
        broker.start();
        return broker;
    }

    private void createDataDir() throws StartupException {
        try {
            Files.createDirectories(config.dataDir());
        } catch (final IOException e) {
            throw new StartupException("cannot create the data folder " + config.dataDir() + " (dataDir / "
                    + "--data-dir): " + e.getMessage(), e);
        }
    }

    private GovernancePolicy loadPolicy() throws ConfigException {
        final GovernancePolicy policy;
        try {
            policy = GovernancePolicy.load(config.governanceFile());
        } catch (final PolicyException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        for (final CrewAccount crew : registry.crews()) {
            if (policy.body(crew.bodyId()).isEmpty()) {
                throw new ConfigException(config.crewsFile() + ": account " + crew.username() + ": body '"
                        + crew.bodyId() + "' is not a body in " + config.governanceFile());
            }
        }
        return policy;
    }

    private IssueDatabase openIssueDatabase() throws StartupException {
        final boolean embedded = config.issues().jdbcUrl().isBlank();
        final String url = embedded ? IssueDatabase.embeddedUrl(config.dataDir()) : config.issues().jdbcUrl();
        final IssueDatabase db;
        try {
            // The embedded H2 file belongs to user "sa" with no password: it is reachable only from this process.
            db = embedded ? IssueDatabase.open(url, "sa", "")
                    : IssueDatabase.open(url, config.issues().user(), config.issues().password());
        } catch (final RuntimeException e) {
            throw new StartupException("the issue database cannot be opened (issues.jdbcUrl = "
                    + (config.issues().jdbcUrl().isBlank() ? "embedded" : url) + "): " + e.getMessage(), e);
        }
        started.push(db);
        return db;
    }

    private IssueService startIssues(final GovernancePolicy policy, final IssueEventListener alerts) {
        final IssueDatabase db = issueDatabase;
        final JdbcIssueStore store = new JdbcIssueStore(db.dataSource());
        governance = new GovernanceRuntime(store, db.dataSource(), policy, registry,
                (device, payload) -> downlink.sendCommand(device, payload, 1), alerts, clock, labClock, json);
        started.push(governance);
        final IssueService service = new IssueService(store, policy, clock, governance.anomalyListener(),
                metrics, config.issues().queueCapacity());
        service.start();
        started.push(service);
        governance.startScheduler(GovernanceRuntime.DEFAULT_TICK);
        return service;
    }

    private IngestLanes startLanes(final TelemetryWriter writer) {
        final int count = config.ingest().lanes();
        final IngestLanes lanes = new IngestLanes(count, config.ingest().queueCapacity(), config.ingest().tick(),
                i -> {
                    // The wall clock drives rule time (EXTERNAL): a device whose clock runs ahead cannot make others
                    // silent. The session follows hot reloads of the operator rule folder.
                    final RuleSession session = ruleOps.openLaneSession(this::onAnomaly, clock.millis());
                    // Every registered device joins its lane's session now, so a device that never reports is
                    // found silent too.
                    for (final Device d : registry.devices()) {
                        if (IngestLanes.laneOf(d.id(), count) == i) {
                            session.register(new DeviceProfile(d.community(), d.type(), d.id(),
                                    d.intervalSeconds() * 1000L));
                        }
                    }
                    // Each reading's time is noted for the fleet page on the way (last seen).
                    return activity.watch(new LanePipeline(session, writer, metrics));
                }, clock, metrics);
        lanes.start();
        started.push(lanes);
        return lanes;
    }

    private void onAnomaly(final Anomaly anomaly) {
        metrics.counter(GatewayMetrics.RULES_ANOMALIES, "status", anomaly.status().name().toLowerCase(
                java.util.Locale.ROOT)).increment();
        ruleOps.gate().accept(anomaly);
    }

    private InetSocketAddress startHttp(final HttpApi http) throws StartupException {
        try {
            return http.start(config.http());
        } catch (final RuntimeException e) {
            throw new StartupException("HTTP port " + config.http().port() + " on " + config.http().bindAddress()
                    + " cannot be bound (" + e.getMessage() + "); change http.port in the configuration or pass "
                    + "--http-port (0 picks a free port)", e);
        }
    }

    /**
     * Last to start, first to stop: it consumes only while everything behind it runs, and drains on close. Bridged
     * messages take the ingest path of messages without an MQTT identity: the topic and payload name the device.
     */
    private void startBridge(final PublishService publishes) throws StartupException {
        if (!config.bridge().enabled()) {
            return;
        }
        final String source = "bridge:" + config.bridge().clientId();
        final BrokerBridge b = new BrokerBridge(config.bridge(),
                (topic, payload, done) -> publishes.processBridgedPublish(source, topic, payload, done), metrics);
        started.push(b);
        b.start();
        bridge = b;
    }

    private Map<String, Object> health() {
        final Map<String, Object> h = new LinkedHashMap<>();
        h.put("status", "UP");
        h.put("startedAt", startedAt);
        h.put("mqtt", mqttAddress.getAddress().getHostAddress() + ":" + mqttAddress.getPort());
        h.put("connectedClients", sessions.size());
        h.put("registeredDevices", registry.devices().size());
        if (bridge != null) {
            h.put("bridge", bridge.status());
        }
        // Readings acknowledged but not yet in the time-series store (it is down or slow); see /metrics.
        h.put("telemetrySpool", Map.of("readings", spool.pendingReadings(), "bytes", spool.diskBytes()));
        return h;
    }

    /** @return where the MQTT listener is bound (valid after {@link #start()}) */
    public InetSocketAddress mqttAddress() {
        return mqttAddress;
    }

    /** @return where the MQTT TLS listener is bound, or null when {@code mqtt.tls.enabled} is false */
    public InetSocketAddress mqttTlsAddress() {
        return mqttTlsAddress;
    }

    /** @return the MQTT broker core, for embedding tests and the gateway's own publications */
    public Broker broker() {
        return broker;
    }

    /**
     * A device's connection ended without DISCONNECT: its lane's rules hear it at once (DV-01, and DV-05 counts it),
     * then listeners.
     */
    private void deviceWentOffline(final Device device, final Instant at) {
        final IngestLanes current = lanes;
        if (current != null) {
            current.deviceOffline(device.id(), at.toEpochMilli());
        }
        deviceStatus.onDeviceOffline(device, at);
    }

    /** A device connected: its lane's rules measure connection flapping (DV-05) from it, then listeners. */
    private void deviceConnected(final Device device, final Instant at) {
        final IngestLanes current = lanes;
        if (current != null) {
            current.deviceConnected(device.id(), at.toEpochMilli());
        }
        deviceStatus.onDeviceConnected(device, at);
    }

    /** @return the service that sends commands to devices (valid after {@link #start()}) */
    public DownlinkService downlink() {
        return downlink;
    }

    /**
     * @param listener told when a device goes offline without a normal DISCONNECT (replaces the previous one)
     */
    public void deviceStatusListener(final DeviceStatusListener listener) {
        this.deviceStatus = java.util.Objects.requireNonNull(listener, "listener must not be null.");
    }

    /** @return where the HTTP API is bound (valid after {@link #start()}) */
    public InetSocketAddress httpAddress() {
        return httpAddress;
    }

    /** @return the governance engine (workflow, escalation, tokens), for embedding tests */
    public GovernanceRuntime governance() {
        return governance;
    }

    /** @return the issue service, for embedding tests */
    public IssueService issues() {
        return issues;
    }

    /** @return the telemetry store, for embedding tests */
    public TelemetryStore telemetry() {
        return telemetry;
    }

    /** @return the broker bridge when {@code bridge.enabled} (valid after {@link #start()}), for embedding tests */
    public Optional<BrokerBridge> bridge() {
        return Optional.ofNullable(bridge);
    }

    /** Stops everything that was started, newest first; safe to call twice. */
    @Override
    public synchronized void close() {
        while (!started.isEmpty()) {
            final AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (final Exception e) {
                LOG.warn("Error while stopping {}", c.getClass().getSimpleName(), e);
            }
        }
        metrics.close();
    }
}
