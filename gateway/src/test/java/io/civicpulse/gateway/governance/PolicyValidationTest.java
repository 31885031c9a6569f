// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Each fixture has one mistake; the message must name the key path, the value and what was expected. */
class PolicyValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown-lead.yaml          | categories.WB-01.lead: unknown body 'x' (known: ops, office, centre)
            bad-duration.yaml | categories.WB-01.disposeWithin: '2x' is not a duration like 30m, 2h, 3d, 2wh, 2wd
            bad-severity.yaml          | categories.WB-01.severity: 'HIGH' is not one of CRITICAL, MAJOR, MINOR, INFO
            two-leads.yaml             | categories.WB-01.lead: expected exactly one body id
            routine-auto-critical.yaml | categories.WB-01.routingClass: ROUTINE_AUTO needs severity MAJOR or lower
            supervising-lead.yaml      | categories.WB-01.lead: 'centre' is a SUPERVISION_CENTRE
            mixed-without-assist.yaml  | categories.WB-01.assists: empty, but routingClass MIXED needs at least one
            unknown-parent.yaml        | bodies.ops.parent: unknown body 'nowhere'
            parent-cycle.yaml          | makes a reporting cycle
            missing-dispose.yaml       | categories.WB-01.disposeWithin: missing (expected a duration like
            unknown-key.yaml           | categories.WB-01.gruop: unknown key (known:
            duplicate-key.yaml         | Duplicate field 'WB-01'
            bad-body-id.yaml           | bodies.ops/a: 'ops/a' is not a body id
            makeup-on-weekday.yaml     | calendar.makeUpWorkdays: '2026-02-11' is a WEDNESDAY, already a working day
            bad-duty-hours.yaml        | calendar.dutyHours: '17:30-08:30' is not a daytime window like 08:30-17:30
            not-yaml.yaml              | not valid YAML at line
            """)
    void load_fixtureWithOneMistake_namesKeyValueAndExpectation(final String fixture, final String expected) {
        // given a fixture with exactly one mistake
        // when
        final PolicyException e = catchThrowableOfType(PolicyException.class, () -> TestPolicies.load(fixture));
        // then
        assertThat(e).as("fixture %s must be refused", fixture).isNotNull();
        assertThat(e.getMessage()).contains(fixture).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"parent-cycle.yaml, bodies.ops.parent", "parent-cycle.yaml, ops -> office -> ops"})
    void load_cycle_namesTheChain(final String fixture, final String expected) {
        // when
        final PolicyException e = catchThrowableOfType(PolicyException.class, () -> TestPolicies.load(fixture));
        // then
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected));
    }
}
