// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoadProfileTest {

    private static final Duration MINUTE = Duration.ofSeconds(60);

    @Test
    void ramp_climbsLinearlyFromToOverTheRun() {
        final LoadProfile ramp = LoadProfile.parse("ramp:1000-5000");
        assertThat(ramp.rateAt(0, Duration.ZERO, MINUTE)).isEqualTo(1000);
        assertThat(ramp.rateAt(0, Duration.ofSeconds(30), MINUTE)).isEqualTo(3000);
        assertThat(ramp.rateAt(0, MINUTE, MINUTE)).isEqualTo(5000);
        assertThat(LoadProfile.parse("ramp").rateAt(2000, Duration.ofSeconds(15), MINUTE)).isEqualTo(500);
    }

    @Test
    void burst_peaksForItsLengthEveryPeriod() {
        final LoadProfile burst = LoadProfile.parse("burst:20000/5s/30s");
        assertThat(burst.rateAt(1000, Duration.ofSeconds(2), MINUTE)).isEqualTo(20000);
        assertThat(burst.rateAt(1000, Duration.ofSeconds(10), MINUTE)).isEqualTo(1000);
        assertThat(burst.rateAt(1000, Duration.ofSeconds(31), MINUTE)).isEqualTo(20000);
        assertThat(burst.toString()).isEqualTo("burst:20000/5s/30s");
    }

    @Test
    void steady_keepsTheBaseRate() {
        assertThat(LoadProfile.parse("steady").rateAt(700, Duration.ofSeconds(42), MINUTE)).isEqualTo(700);
    }

    @Test
    void parse_invalid_namesTheTextAndTheForms() {
        assertThatThrownBy(() -> LoadProfile.parse("burst:100/30s/5s"))
                .hasMessageContaining("invalid load profile 'burst:100/30s/5s': the burst length must be above 0")
                .hasMessageContaining("burst:PEAK/LENGTH/EVERY");
        assertThatThrownBy(() -> LoadProfile.parse("spiky")).hasMessageStartingWith("invalid load profile 'spiky'");
    }

    @Test
    void ratePacer_followsAChangingRate() {
        // given: 1000 msg/s for the first second, then 5000 msg/s; time stepped by 0.1 ms
        final long[] now = {0};
        final RatePacer pacer = new RatePacer(elapsed -> elapsed < 1_000_000_000L ? 1000.0 : 5000.0, () -> now[0]);
        final int[] published = new int[2];
        // when
        for (; now[0] < 2_000_000_000L; now[0] += 100_000) {
            while (pacer.mayPublish()) {
                pacer.published();
                published[now[0] < 1_000_000_000L ? 0 : 1]++;
            }
        }
        // then
        assertThat(published[0]).isBetween(999, 1002);
        assertThat(published[1]).isBetween(4990, 5010);
    }

    @Test
    void ratePacer_afterAPause_burstsAtMostFiftyMillisecondsWorth() {
        final long[] now = {0};
        final RatePacer pacer = new RatePacer(elapsed -> 1000.0, () -> now[0]);
        pacer.mayPublish();
        now[0] = 2_000_000_000L;
        int burst = 0;
        while (pacer.mayPublish()) {
            pacer.published();
            burst++;
        }
        assertThat(burst).isEqualTo(50);
    }
}
