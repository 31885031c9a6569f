// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.testsupport;

import io.civicpulse.rules.engine.RuleCompilationException;
import io.civicpulse.rules.engine.RuleEngine;

import java.util.List;

/** The default-pack engine, compiled once per test JVM because a Drools build takes about a second. */
public final class TestEngine {
    private static RuleEngine engine;

    private TestEngine() {
    }

    /** @return the engine built from the default rule pack only */
    public static synchronized RuleEngine defaultPack() {
        if (engine == null) {
            try {
                engine = RuleEngine.build(List.of());
            } catch (final RuleCompilationException e) {
                throw new IllegalStateException("the default rule pack must compile", e);
            }
        }
        return engine;
    }
}
