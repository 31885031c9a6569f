// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transition table against GOVERNANCE.md §2.2 (plus §2.6 sensor clear to VERIFYING). */
class IssueStateTest {
    /** Every legal move, written out independently of the enum so a changed table fails here. */
    private static final Set<String> LEGAL = Set.of(
            "NEW>TRIAGE",
            "TRIAGE>REJECTED", "TRIAGE>MERGED", "TRIAGE>AUTO_HANDLING", "TRIAGE>REGISTERED",
            "AUTO_HANDLING>VERIFYING", "AUTO_HANDLING>REGISTERED",
            "REGISTERED>DISPATCHED", "REGISTERED>VERIFYING",
            "DISPATCHED>IN_PROGRESS", "DISPATCHED>REGISTERED", "DISPATCHED>VERIFYING",
            "IN_PROGRESS>IN_PROGRESS", "IN_PROGRESS>REGISTERED", "IN_PROGRESS>PARKED", "IN_PROGRESS>RESOLVED",
            "IN_PROGRESS>VERIFYING",
            "PARKED>IN_PROGRESS", "PARKED>VERIFYING",
            "RESOLVED>VERIFYING",
            "VERIFYING>CLOSED", "VERIFYING>IN_PROGRESS",
            "CLOSED>IN_PROGRESS");

    @Test
    void canTransitionTo_everyPair_matchesTheDesignTable() {
        for (final IssueState from : IssueState.values()) {
            for (final IssueState to : IssueState.values()) {
                assertThat(from.canTransitionTo(to)).as("%s -> %s", from, to)
                        .isEqualTo(LEGAL.contains(from + ">" + to));
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"NEW, TRIAGE", "TRIAGE, AUTO_HANDLING", "REGISTERED, DISPATCHED", "DISPATCHED, IN_PROGRESS",
        "IN_PROGRESS, RESOLVED", "RESOLVED, VERIFYING", "VERIFYING, CLOSED", "VERIFYING, IN_PROGRESS",
        "CLOSED, IN_PROGRESS", "DISPATCHED, REGISTERED", "IN_PROGRESS, PARKED", "PARKED, IN_PROGRESS"})
    void requireTransitionTo_legal_returnsTarget(final IssueState from, final IssueState to) {
        assertThat(from.requireTransitionTo(to)).isEqualTo(to);
    }

    @ParameterizedTest
    @CsvSource({"NEW, DISPATCHED", "TRIAGE, CLOSED", "DISPATCHED, CLOSED", "VERIFYING, VERIFYING",
        "CLOSED, VERIFYING", "REJECTED, TRIAGE", "MERGED, IN_PROGRESS", "RESOLVED, CLOSED", "PARKED, CLOSED"})
    void requireTransitionTo_illegal_throwsNamingBothStates(final IssueState from, final IssueState to) {
        assertThatThrownBy(() -> from.requireTransitionTo(to)).isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(from + " -> " + to)
                .satisfies(e -> {
                    assertThat(((IllegalTransitionException) e).from()).isEqualTo(from);
                    assertThat(((IllegalTransitionException) e).to()).isEqualTo(to);
                });
    }

    @ParameterizedTest
    @EnumSource(value = IssueState.class, names = {"CLOSED", "REJECTED", "MERGED"})
    void isOpen_closedRejectedMerged_isFalse(final IssueState state) {
        assertThat(state.isOpen()).isFalse();
    }

    @Test
    void isTerminal_onlyRejectedAndMerged() {
        assertThat(IssueState.values()).filteredOn(IssueState::isTerminal)
                .containsExactlyInAnyOrder(IssueState.REJECTED, IssueState.MERGED);
    }
}
