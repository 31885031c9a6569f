// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.util.List;

/**
 * The governance policy could not be read or is invalid. Start-up must stop with this message.
 *
 * <p>Each problem names the key path, the value found and what was expected, e.g.
 * {@code categories.SL-01.lead: unknown body 'x' (known: ...)}. All problems found are reported together.
 */
public final class PolicyException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    /**
     * Creates the exception.
     *
     * @param source   the file or resource name, never null
     * @param problems one line per problem, at least one, copied
     */
    public PolicyException(final String source, final List<String> problems) {
        super("Invalid governance policy " + source + ":\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    /**
     * Creates the exception for a file that cannot be read or parsed at all.
     *
     * @param source the file or resource name, never null
     * @param reason what went wrong, never null
     * @param cause  the underlying exception, may be null
     */
    public PolicyException(final String source, final String reason, final Throwable cause) {
        super("Cannot read governance policy " + source + ": " + reason, cause);
        this.problems = List.of(reason);
    }

    /** @return the problems, one per line, in file order; never empty */
    public List<String> problems() {
        return problems;
    }
}
