// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Facade over Drools: compiles the default rule pack (and operator DRL files) into a STREAM-mode KieBase once,
 * then opens one {@link RuleSession} per lane.
 *
 * <p>Thread-safe after construction; sessions are not.
 */
public interface RuleEngine {

    /**
     * Builds an engine from the default rule pack shipped in this module plus the given operator files.
     *
     * @param extraRuleFiles operator DRL files (may be empty), never null
     * @return a ready engine
     * @throws RuleCompilationException with {@code file:line: message} for each error
     */
    static RuleEngine build(final List<Path> extraRuleFiles) throws RuleCompilationException {
        return DroolsRuleEngine.build(extraRuleFiles);
    }

    /**
     * Opens a session on a pseudo clock set to {@code startMillis} that readings move ({@link ClockSource#EVENTS}).
     *
     * @param parameters  thresholds from configuration, never null
     * @param listener    receives raised and cleared anomalies, never null
     * @param startMillis initial clock value in epoch milliseconds
     * @return a new session, owned by the caller
     * @throws IllegalArgumentException if {@code startMillis} is negative (the pseudo clock cannot go below 0)
     */
    default RuleSession openSession(RuleParameters parameters, AnomalyListener listener, long startMillis) {
        return openSession(parameters, listener, startMillis, ClockSource.EVENTS);
    }

    /**
     * Opens a session on a pseudo clock set to {@code startMillis}, moved as {@code clockSource} says.
     *
     * @param parameters  thresholds from configuration, never null
     * @param listener    receives raised and cleared anomalies, never null
     * @param startMillis initial clock value in epoch milliseconds
     * @param clockSource what moves the clock: readings and {@code advanceTo}, or {@code advanceTo} only; never null
     * @return a new session, owned by the caller
     * @throws IllegalArgumentException if {@code startMillis} is negative (the pseudo clock cannot go below 0)
     */
    RuleSession openSession(RuleParameters parameters, AnomalyListener listener, long startMillis,
                            ClockSource clockSource);

    /** @return ids ({@code package.rule name}) of every rule in the KieBase, for logs and evidence */
    List<String> ruleIds();

    /**
     * @return rule name to the version in its {@code @version("n")} metadata, for the rules that carry one; such a
     *     rule's verdicts are recorded with the ruleId {@code "name@n"}
     */
    default Map<String, String> ruleVersions() {
        return Map.of();
    }
}
