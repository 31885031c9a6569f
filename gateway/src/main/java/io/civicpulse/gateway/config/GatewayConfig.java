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
        FormatOptions formats) {

    /**
     * @param bindAddress       address the listener binds to
     * @param port              TCP port; 0 picks a free one
     * @param maxPacketBytes    largest MQTT packet accepted; larger ones close the connection
     * @param maxClientIdLength longest client id accepted
     * @param connectTimeout    a socket that sends no CONNECT within this time is closed
     * @param receiveMaximum    QoS 1 messages a client may have unacknowledged (MQTT 5 Receive Maximum, ≤ 32767)
     * @param maxFutureSkew     readings stamped further than this in the future are refused
     */
    public record Mqtt(String bindAddress, int port, int maxPacketBytes, int maxClientIdLength,
                       Duration connectTimeout, int receiveMaximum, Duration maxFutureSkew) {
    }

    /**
     * @param bindAddress address the HTTP API binds to
     * @param port        TCP port; 0 picks a free one
     */
    public record Http(String bindAddress, int port) {
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
}
