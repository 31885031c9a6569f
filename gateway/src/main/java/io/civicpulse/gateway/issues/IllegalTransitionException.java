// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/** A state change that GOVERNANCE.md §2.2 does not allow; a programming or concurrency error, not bad input. */
public final class IllegalTransitionException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final IssueState from;
    private final IssueState to;

    /**
     * @param from current state
     * @param to   requested state
     */
    public IllegalTransitionException(final IssueState from, final IssueState to) {
        super("Illegal issue state transition " + from + " -> " + to + " (allowed from " + from + ": "
                + allowedFrom(from) + ")");
        this.from = from;
        this.to = to;
    }

    private static String allowedFrom(final IssueState from) {
        final StringBuilder out = new StringBuilder();
        for (final IssueState s : IssueState.values()) {
            if (from.canTransitionTo(s)) {
                out.append(out.length() == 0 ? "" : ", ").append(s);
            }
        }
        return out.length() == 0 ? "none, terminal" : out.toString();
    }

    /** @return the current state */
    public IssueState from() {
        return from;
    }

    /** @return the requested state */
    public IssueState to() {
        return to;
    }
}
