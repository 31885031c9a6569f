// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import java.util.List;

/**
 * A rule file did not compile. The message lists every problem as {@code file:line: message}.
 */
public final class RuleCompilationException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** @param problems one {@code file:line: message} entry per error, never null or empty */
    public RuleCompilationException(final List<String> problems) {
        super("Rules do not compile:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** @return one {@code file:line: message} entry per error */
    public List<String> problems() {
        return problems;
    }
}
