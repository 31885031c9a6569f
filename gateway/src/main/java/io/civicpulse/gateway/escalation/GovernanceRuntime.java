// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.escalation;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.auth.TokenService;
import io.civicpulse.gateway.autohandling.AutoHandler;
import io.civicpulse.gateway.governance.GovernancePolicy;
import io.civicpulse.gateway.issues.GovernanceQueries;
import io.civicpulse.gateway.issues.IssueEventListener;
import io.civicpulse.gateway.issues.IssueWorkflow;
import io.civicpulse.gateway.issues.JdbcIssueStore;
import io.civicpulse.gateway.registry.Registry;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The governance engine around the issue store, wired once: workflow commands, the escalation scheduler, automatic
 * handling, sign-in tokens and the supervision queries. The composition root ({@code Gateway}) builds one and hands
 * {@link #anomalyListener} to the issue service and the runtime to the HTTP routes. Thread-safe.
 */
public final class GovernanceRuntime implements AutoCloseable {
    /** Real time between escalation ticks. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

    private final IssueWorkflow workflow;
    private final EscalationService escalation;
    private final TokenService tokens;
    private final GovernanceQueries queries;
    private final IssueEventListener anomalyListener;
    private final Clock clock;
    private final GovernancePolicy policy;
    private final ControllableClock controllable;

    /**
     * @param store        the issue store, never null
     * @param dataSource   its database, never null
     * @param policy       the governance policy, never null
     * @param registry     devices and crew accounts, never null
     * @param commands     sends device commands (the MQTT downlink), never null
     * @param alerts       publishes committed changes to the bodies, never null
     * @param clock        the gateway clock, never null
     * @param controllable the same clock when it is controllable (lab/demo), or null
     * @param json         JSON mapper, never null
     */
    public GovernanceRuntime(final JdbcIssueStore store, final DataSource dataSource, final GovernancePolicy policy,
                             final Registry registry, final AutoHandler.CommandSender commands,
                             final IssueEventListener alerts, final Clock clock, final ControllableClock controllable,
                             final ObjectMapper json) {
        Objects.requireNonNull(alerts, "alerts must not be null.");
        this.clock = Objects.requireNonNull(clock, "clock must not be null.");
        this.controllable = controllable;
        this.policy = Objects.requireNonNull(policy, "policy must not be null.");
        this.workflow = new IssueWorkflow(store, policy, clock, alerts);
        this.escalation = new EscalationService(store, workflow, policy, clock);
        this.tokens = new TokenService(dataSource, registry::crew, policy, clock, TokenService.DEFAULT_TTL);
        this.queries = new GovernanceQueries(dataSource);
        final AutoHandler auto = new AutoHandler(policy, registry, commands, workflow, json);
        this.anomalyListener = event -> {
            alerts.onIssueEvent(event);
            auto.onIssueEvent(event);
        };
    }

    /** @return the governance policy the engine runs on */
    public GovernancePolicy policy() {
        return policy;
    }

    /** @param tick real time between escalation ticks, positive */
    public void startScheduler(final Duration tick) {
        escalation.start(tick.toMillis());
    }

    /** @return the listener for the anomaly path: alerts, then automatic handling */
    public IssueEventListener anomalyListener() {
        return anomalyListener;
    }

    /** @return workflow commands */
    public IssueWorkflow workflow() {
        return workflow;
    }

    /** @return the escalation scheduler */
    public EscalationService escalation() {
        return escalation;
    }

    /** @return sign-in and token checks */
    public TokenService tokens() {
        return tokens;
    }

    /** @return supervision watch list and KPIs */
    public GovernanceQueries queries() {
        return queries;
    }

    /** @return the gateway clock */
    public Clock clock() {
        return clock;
    }

    /** @return the controllable clock, when {@code clock.controllable} is true */
    public Optional<ControllableClock> controllableClock() {
        return Optional.ofNullable(controllable);
    }

    @Override
    public void close() {
        escalation.close();
    }
}
