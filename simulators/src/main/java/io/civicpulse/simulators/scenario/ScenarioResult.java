// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.scenario;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario run found: each expectation's verdict, plus steps that could not be carried out. Immutable.
 *
 * @param scenario the scenario's name
 * @param outcomes one per expectation, in file order
 * @param stepFailures timeline steps the gateway refused (e.g. {@code POST /api/reports} answered 404)
 * @param notes what the run log should say about how it ran (clock, waits)
 */
public record ScenarioResult(String scenario, List<Outcome> outcomes, List<String> stepFailures, List<String> notes) {

    public ScenarioResult {
        outcomes = List.copyOf(outcomes);
        stepFailures = List.copyOf(stepFailures);
        notes = List.copyOf(notes);
    }

    /**
     * One expectation's result.
     *
     * @param expectation what was expected
     * @param passed whether the gateway showed it in time
     * @param issueId the issue compared, or null
     * @param differences readable "field: expected X, actual Y" lines (empty when passed)
     * @param seconds scenario seconds at which it passed or was given up
     */
    public record Outcome(Expectation expectation, boolean passed, String issueId, List<String> differences,
                          double seconds) {
    }

    /** Whether every expectation passed and every step was carried out. */
    public boolean passed() {
        return stepFailures.isEmpty() && outcomes.stream().allMatch(Outcome::passed);
    }

    /** The readable report: one line per expectation, and under each failure what differed. */
    public String report() {
        final List<String> lines = new ArrayList<>();
        final long failed = outcomes.stream().filter(outcome -> !outcome.passed()).count();
        lines.add("scenario " + scenario + ": " + (passed() ? "PASSED" : "FAILED") + " (" + (outcomes.size() - failed)
                + " of " + outcomes.size() + " expectations met" + (stepFailures.isEmpty() ? ""
                : ", " + stepFailures.size() + " step(s) failed") + ")");
        notes.forEach(note -> lines.add("  note: " + note));
        stepFailures.forEach(step -> lines.add("  FAIL step " + step));
        for (final Outcome outcome : outcomes) {
            lines.add(String.format(java.util.Locale.ROOT, "  %s %s%s [%.1f s]", outcome.passed() ? "ok  " : "FAIL",
                    outcome.expectation().describe(), outcome.issueId() == null ? "" : " -> " + outcome.issueId(),
                    outcome.seconds()));
            outcome.differences().forEach(difference -> lines.add("         " + difference));
        }
        return String.join(System.lineSeparator(), lines);
    }
}
