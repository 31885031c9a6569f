// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.Anomaly;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Drools implementation of {@link RuleEngine}: one compiled STREAM-mode KieBase shared by all sessions.
 *
 * <p>Thread-safe after {@link #build(List)}: a KieBase may open sessions from several threads.
 */
final class DroolsRuleEngine implements RuleEngine {
    private final KieBase kieBase;
    private final List<String> ruleIds;
    private final Map<String, String> versions;

    private DroolsRuleEngine(final KieBase kieBase, final List<String> ruleIds, final Map<String, String> versions) {
        this.kieBase = kieBase;
        this.ruleIds = ruleIds;
        this.versions = versions;
    }

    /**
     * Compiles the default pack ({@link RulePackCompiler#DEFAULT_PACK}) plus the operator files.
     *
     * @param extraRuleFiles operator DRL files (may be empty), never null
     * @return a ready engine
     * @throws RuleCompilationException with {@code file:line: message} for each error
     * @throws NullPointerException     if the list or an element is null
     */
    static DroolsRuleEngine build(final List<Path> extraRuleFiles) throws RuleCompilationException {
        Objects.requireNonNull(extraRuleFiles, "extraRuleFiles must not be null.");
        final KieBase kieBase = RulePackCompiler.compile(extraRuleFiles);
        return new DroolsRuleEngine(kieBase, listRuleIds(kieBase), listVersions(kieBase));
    }

    @Override
    public RuleSession openSession(final RuleParameters parameters, final AnomalyListener listener,
                                   final long startMillis, final ClockSource clockSource) {
        return DroolsRuleSession.open(kieBase, parameters, versioned(listener), startMillis, clockSource);
    }

    @Override
    public Map<String, String> ruleVersions() {
        return versions;
    }

    /** Rules with {@code @version("n")} metadata are recorded as {@code "name@n"} in every verdict's ruleId. */
    private AnomalyListener versioned(final AnomalyListener listener) {
        Objects.requireNonNull(listener, "listener must not be null.");
        if (versions.isEmpty()) {
            return listener;
        }
        return a -> {
            final String version = versions.get(a.ruleId());
            listener.onAnomaly(version == null ? a : new Anomaly(a.community(), a.deviceType(), a.deviceId(),
                    a.category(), a.status(), a.atMillis(), a.ruleId() + "@" + version, a.detail()));
        };
    }

    private static Map<String, String> listVersions(final KieBase kieBase) {
        final Map<String, String> versions = new HashMap<>();
        for (final KiePackage kiePackage : kieBase.getKiePackages()) {
            for (final Rule rule : kiePackage.getRules()) {
                final Object version = rule.getMetaData().get("version");
                if (version != null) {
                    versions.put(rule.getName(), String.valueOf(version).replace("\"", ""));
                }
            }
        }
        return Map.copyOf(versions);
    }

    @Override
    public List<String> ruleIds() {
        return ruleIds;
    }

    private static List<String> listRuleIds(final KieBase kieBase) {
        final List<String> ids = new ArrayList<>();
        for (final KiePackage kiePackage : kieBase.getKiePackages()) {
            for (final Rule rule : kiePackage.getRules()) {
                ids.add(kiePackage.getName() + "." + rule.getName());
            }
        }
        ids.sort(null);
        return List.copyOf(ids);
    }
}
