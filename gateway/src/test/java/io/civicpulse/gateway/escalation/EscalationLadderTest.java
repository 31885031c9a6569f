// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.escalation;

import io.civicpulse.gateway.governance.EscalationPolicy;
import io.civicpulse.gateway.governance.Severity;
import io.civicpulse.gateway.governance.WorkingCalendar;
import io.civicpulse.gateway.issues.RunningTimer;
import io.civicpulse.gateway.issues.TimerKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Rung times of the ladder for each severity, and the single expiry of non-escalating timers. */
class EscalationLadderTest {
    /** Friday 2026-03-06 16:00 Asia/Shanghai. */
    private static final Instant FRIDAY_16 = Instant.parse("2026-03-06T08:00:00Z");
    private final EscalationLadder ladder = new EscalationLadder(EscalationPolicy.DEFAULTS,
            WorkingCalendar.weekdaysOnly());

    @Test
    void rungs_minorTimer_graceRunsOnWorkingDays() {
        // given a 1 h window ending Friday 17:00
        final RunningTimer t = timer(TimerKind.ACCEPT, FRIDAY_16, FRIDAY_16.plus(Duration.ofHours(1)));
        // when / then: R3 one working day later = Monday 17:00, R4 Tuesday 17:00 (maxLoops 3)
        assertThat(ladder.rungs(t, Severity.MINOR)).extracting(EscalationLadder.Rung::name,
                EscalationLadder.Rung::dueAt).containsExactly(
                tuple("R0", FRIDAY_16.plus(Duration.ofMinutes(30))),
                tuple("R1", FRIDAY_16.plus(Duration.ofMinutes(48))),
                tuple("R2", FRIDAY_16.plus(Duration.ofHours(1))),
                tuple("R3", Instant.parse("2026-03-09T09:00:00Z")),
                tuple("R4_1", Instant.parse("2026-03-10T09:00:00Z")),
                tuple("R4_2", Instant.parse("2026-03-11T09:00:00Z")));
    }

    @Test
    void rungs_criticalTimer_graceIsNaturalTime() {
        final RunningTimer t = timer(TimerKind.DISPOSE, FRIDAY_16, FRIDAY_16.plus(Duration.ofHours(1)));
        assertThat(ladder.rungs(t, Severity.CRITICAL)).filteredOn(r -> r.name().equals("R3"))
                .extracting(EscalationLadder.Rung::dueAt).containsExactly(FRIDAY_16.plus(Duration.ofMinutes(90)));
    }

    @Test
    void due_nonEscalatingTimer_onlyExpiresAtDeadline() {
        final RunningTimer t = timer(TimerKind.AUTO, FRIDAY_16, FRIDAY_16.plus(Duration.ofMinutes(15)));
        assertThat(ladder.due(t, Severity.MINOR, FRIDAY_16.plus(Duration.ofMinutes(14)))).isEmpty();
        assertThat(ladder.due(t, Severity.MINOR, FRIDAY_16.plus(Duration.ofMinutes(15))))
                .extracting(EscalationLadder.Rung::name).containsExactly("EXPIRE");
    }

    @Test
    void controllableClock_runsFasterAndAdvances() {
        final long[] nanos = {0};
        final ControllableClock clock = new ControllableClock(FRIDAY_16, 3600, () -> nanos[0]);
        nanos[0] = Duration.ofSeconds(2).toNanos();
        assertThat(clock.instant()).isEqualTo(FRIDAY_16.plus(Duration.ofHours(2)));
        assertThat(clock.advance(Duration.ofDays(1))).isEqualTo(FRIDAY_16.plus(Duration.ofHours(26)));
    }

    private static RunningTimer timer(final TimerKind kind, final Instant start, final Instant due) {
        return new RunningTimer(1, "SQ-2026-000001", 1, "district-lighting", kind, 1, start, due, null);
    }
}
