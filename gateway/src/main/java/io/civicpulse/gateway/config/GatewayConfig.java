// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.gateway.ingest.format.FormatOptions;
import io.civicpulse.rules.engine.RuleParameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The validated, immutable configuration of one gateway. Built only by {@link GatewayConfigLoader}; every key is
 * documented in {@code config/gateway.yaml}.
 *
 * @param mqtt           the MQTT listener
 * @param http           the HTTP API
 * @param dataDir        folder for the embedded stores (created if missing)
 * @param devicesFile    device registry ({@code devices.yaml})
 * @param crewsFile      crew accounts ({@code crews.yaml})
 * @param governanceFile governance policy ({@code governance.yaml})
 * @param ingest         lanes between the listener and the rules and stores
 * @param telemetry      the group-commit writer to the time-series store, its spool and quarantine
 * @param issues         the issue store
 * @param rules          rule thresholds
 * @param ruleFiles      operator DRL files added to the default rule pack
 * @param formats        payload formats by topic filter and their field maps ({@code ingest.formats},
 *                       {@code ingest.fieldMaps})
 * @param bridge         the bridge that consumes an existing broker through a shared subscription
 * @param clock          the gateway clock: speed and controllability (lab and demo)
 * @param ruleOps        threshold conditions, solar schedule, operator rule folder, alert delivery
 * @param telemetryStore the time-series store behind the writer and the embedded store's retention
 */
public record GatewayConfig(
        Mqtt mqtt,
        Http http,
        Path dataDir,
        Path devicesFile,
        Path crewsFile,
        Path governanceFile,
        Ingest ingest,
        Telemetry telemetry,
        Issues issues,
        RuleParameters rules,
        List<Path> ruleFiles,
        FormatOptions formats,
        Bridge bridge,
        ClockSettings clock,
        RuleOpsConfig ruleOps,
        TelemetryStoreConfig telemetryStore) {

    /**
     * The gateway clock ({@code clock.*}). Lab and demo only: a faster or controllable clock lets deadlines and
     * escalation run days in seconds.
     *
     * @param speed        how many times faster than real time (1 = real time; 3600 = an hour per second)
     * @param controllable whether {@code POST /api/clock/advance} may move it forward
     */
    public record ClockSettings(double speed, boolean controllable) {
        /** The real clock. */
        public static final ClockSettings REAL = new ClockSettings(1, false);

        /** @return true when the gateway must run on a {@code ControllableClock} */
        public boolean isLab() {
            return speed != 1 || controllable;
        }
    }

    /**
     * @param bindAddress       address the listener binds to
     * @param port              TCP port; 0 picks a free one
     * @param maxPacketBytes    largest MQTT packet accepted; larger ones close the connection
     * @param maxClientIdLength longest client id accepted
     * @param connectTimeout    a socket that sends no CONNECT within this time is closed
     * @param receiveMaximum    QoS 1 messages a client may have unacknowledged (MQTT 5 Receive Maximum, ≤ 32767)
     * @param maxFutureSkew     readings stamped further than this in the future are refused
     * @param broker            broker features ({@code mqtt.maximumQos}, {@code mqtt.topicAliasMaximum}, ...)
     * @param sessions          persistent sessions ({@code mqtt.session.*})
     * @param limits            protective limits ({@code mqtt.limits.*})
     * @param tls               the TLS listener ({@code mqtt.tls.*})
     */
    public record Mqtt(String bindAddress, int port, int maxPacketBytes, int maxClientIdLength,
                       Duration connectTimeout, int receiveMaximum, Duration maxFutureSkew, Broker broker,
                       Sessions sessions, Limits limits, Tls tls) {
    }

    /**
     * @param maximumQos        highest QoS accepted and granted (0-2), advertised in CONNACK
     * @param topicAliasMaximum client-to-server topic aliases per connection; 0 disables them
     * @param serverKeepAlive   MQTT 5 Server Keep Alive sent in CONNACK; zero means the client's own value
     * @param allowAnonymous    clients that are neither a device nor a crew account may connect (lab only)
     * @param openAcl           every client may publish and subscribe to every topic (lab only)
     */
    public record Broker(int maximumQos, int topicAliasMaximum, Duration serverKeepAlive, boolean allowAnonymous,
                         boolean openAcl) {
    }

    /**
     * @param maxExpiry     longest session expiry granted (MQTT 3.1.1 clean session 0 gets this)
     * @param maxQueued     QoS 1/2 messages kept per offline or slow session; beyond, the oldest is dropped (counted)
     * @param flushInterval how often changed sessions and retained messages are written to disk
     */
    public record Sessions(Duration maxExpiry, int maxQueued, Duration flushInterval) {
    }

    /**
     * @param maxConnections     open MQTT connections at most; more are refused in CONNACK
     * @param messageRate        PUBLISH packets per second per client (token bucket); 0 = unlimited
     * @param messageBurst       bucket size: packets a client may send at once above the rate
     * @param authFailures       failed logins per remote address within {@code authFailureWindow} before throttling
     * @param authFailureWindow  the window for counting failed logins
     * @param authCooldown       how long a throttled address is refused without checking passwords
     * @param maxInflight        unacknowledged QoS 1/2 messages sent to one client at most (also capped by the
     *                           client's Receive Maximum); more wait in the session queue
     */
    public record Limits(int maxConnections, int messageRate, int messageBurst, int authFailures,
                         Duration authFailureWindow, Duration authCooldown, int maxInflight) {
    }

    /**
     * @param enabled                  whether the TLS listener runs
     * @param port                     its port; 0 picks a free one
     * @param certificate              PEM certificate chain of the server
     * @param privateKey               PEM PKCS#8 private key of the server
     * @param clientCa                 PEM CA certificates that sign client certificates, or null for none
     * @param requireClientCertificate refuse TLS connections without a client certificate
     */
    public record Tls(boolean enabled, int port, Path certificate, Path privateKey, Path clientCa,
                      boolean requireClientCertificate) {
    }

    /**
     * @param bindAddress   address the HTTP API binds to
     * @param port          TCP port; 0 picks a free one
     * @param headerTimeout a request head (request line and headers) must be complete within this; a connection
     *                      dripping its head slower is closed (slowloris)
     * @param idleTimeout   a connection that sends nothing for this long is closed
     * @param limits        overload protection
     */
    public record Http(String bindAddress, int port, Duration headerTimeout, Duration idleTimeout,
                       HttpLimits limits) {
        /** Default of {@code http.headerTimeout}. */
        public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
        /** Default of {@code http.idleTimeout} (Jetty's own default). */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

        /**
         * @param bindAddress address the HTTP API binds to
         * @param port        TCP port; 0 picks a free one
         * @return the settings with every other value at its default
         */
        public static Http defaults(final String bindAddress, final int port) {
            return new Http(bindAddress, port, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT, HttpLimits.DEFAULTS);
        }
    }

    /**
     * Overload protection of the HTTP API ({@code http.limits.*}); a refused request gets 429 with Retry-After.
     *
     * @param clientRate    requests per second from one remote address (leaky bucket); 0 = unlimited
     * @param clientBurst   requests one address may send at once above the rate
     * @param maxConcurrent requests handled at once over all clients; 0 = unlimited
     * @param maxQueued     requests waiting for a slot when {@code maxConcurrent} are busy; more are refused
     * @param maxQueueWait  a request waiting longer than this for a slot is refused
     * @param retryAfter    the Retry-After sent with a refusal (whole seconds, rounded up)
     */
    public record HttpLimits(int clientRate, int clientBurst, int maxConcurrent, int maxQueued,
                             Duration maxQueueWait, Duration retryAfter) {
        /** The defaults documented in config/gateway.yaml. */
        public static final HttpLimits DEFAULTS = new HttpLimits(100, 200, 64, 512, Duration.ofSeconds(5),
                Duration.ofSeconds(1));
    }

    /**
     * @param lanes         number of single-threaded lanes; a device always uses the same lane
     * @param queueCapacity readings a lane may hold before it refuses more
     * @param tick          how often idle lanes advance the rules' clock (silence, durations)
     */
    public record Ingest(int lanes, int queueCapacity, Duration tick) {
    }

    /**
     * @param batchMaxPoints     readings per store write at most
     * @param maxDelay           extra wait for a batch to fill; zero writes as soon as the writer is free
     * @param queueCapacity      readings waiting for the writer before it refuses more (bounds memory)
     * @param spool              the local outbox while the store is down or slow
     * @param quarantineMaxBytes largest size of the ledger of readings the store refused, in bytes
     */
    public record Telemetry(int batchMaxPoints, Duration maxDelay, int queueCapacity, Spool spool,
                            long quarantineMaxBytes) {
    }

    /**
     * @param maxBytes         most bytes the spool's segment files take on disk; beyond, readings are refused
     * @param slowWriteAfter   a store write taking longer is spooled, so acknowledgements do not wait for it
     * @param maxRetryInterval longest pause between replay attempts while the store fails
     */
    public record Spool(long maxBytes, Duration slowWriteAfter, Duration maxRetryInterval) {
    }

    /**
     * @param jdbcUrl       the issue database; empty means the embedded H2 file in the data folder
     * @param user          database user
     * @param password      database password (prefer the {@code CP_ISSUES_PASSWORD} environment variable)
     * @param queueCapacity anomalies waiting for the issue service before it refuses more
     */
    public record Issues(String jdbcUrl, String user, String password, int queueCapacity) {
    }

    /**
     * The broker bridge ({@code bridge.*}): a persistent MQTT 5 session on an existing broker that consumes
     * {@code $share/{group}/{filter}} for every filter and acknowledges each message only once it is durably stored.
     *
     * @param enabled           whether the bridge runs (default false)
     * @param url               the broker, {@code tcp://host:port} or {@code ssl://host:port}
     * @param clientId          this instance's client id on the broker; unique per gateway instance, stable across
     *                          restarts (the session is resumed by it)
     * @param group             the share name: instances with the same group split the messages between them
     * @param filters           topic filters consumed, without the {@code $share/{group}/} prefix; never empty
     * @param username          broker user name; empty for an anonymous connection
     * @param password          broker password; empty for none (prefer {@code CP_BRIDGE_PASSWORD}); never logged
     * @param sessionExpiry     how long the broker keeps the session (and queues this instance's share) while
     *                          the bridge is disconnected
     * @param maxInflight       unacknowledged messages the broker may send (MQTT 5 Receive Maximum, 1 to 65535)
     * @param keepAlive         MQTT keep alive
     * @param connectTimeout    how long one connection attempt may take
     * @param reconnectMinDelay first delay before reconnecting; it doubles up to {@code reconnectMaxDelay}
     * @param reconnectMaxDelay longest delay between reconnection attempts
     */
    public record Bridge(boolean enabled, String url, String clientId, String group, List<String> filters,
                         String username, String password, Duration sessionExpiry, int maxInflight,
                         Duration keepAlive, Duration connectTimeout, Duration reconnectMinDelay,
                         Duration reconnectMaxDelay) {
        /** Copies the filter list. */
        public Bridge {
            filters = List.copyOf(filters);
        }

        /** @return the settings with the password hidden */
        @Override
        public String toString() {
            return "Bridge[enabled=" + enabled + ", url=" + url + ", clientId=" + clientId + ", group=" + group
                    + ", filters=" + filters + ", username=" + username + ", password="
                    + (password.isEmpty() ? "" : "<hidden>") + ", sessionExpiry=" + sessionExpiry
                    + ", maxInflight=" + maxInflight + ", keepAlive=" + keepAlive + ", connectTimeout="
                    + connectTimeout + ", reconnectMinDelay=" + reconnectMinDelay + ", reconnectMaxDelay="
                    + reconnectMaxDelay + "]";
        }
    }
}
