// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Drools implementation of {@link RuleEngine}: one compiled STREAM-mode KieBase shared by all sessions.
 *
 * <p>Thread-safe after {@link #build(List)}: a KieBase may open sessions from several threads.
 */
final class DroolsRuleEngine implements RuleEngine {
    private final KieBase kieBase;
    private final List<String> ruleIds;

    private DroolsRuleEngine(final KieBase kieBase, final List<String> ruleIds) {
        this.kieBase = kieBase;
        this.ruleIds = ruleIds;
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
        return new DroolsRuleEngine(kieBase, listRuleIds(kieBase));
    }

    @Override
    public RuleSession openSession(final RuleParameters parameters, final AnomalyListener listener,
                                   final long startMillis, final ClockSource clockSource) {
        return DroolsRuleSession.open(kieBase, parameters, listener, startMillis, clockSource);
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
