// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exponential backoff with equal jitter: doubling, capped, jitter within [ceiling / 2, ceiling]. */
class BackoffTest {
    private static final Duration MIN = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);

    @Test
    void delayMillis_lowestJitter_isHalfTheDoublingCeiling() {
        // given
        final Backoff backoff = new Backoff(MIN, MAX, () -> 0.0);

        // when
        final long[] delays = IntStream.range(0, 6).mapToLong(backoff::delayMillis).toArray();

        // then
        assertThat(delays).containsExactly(50, 100, 200, 400, 500, 500);
    }

    @Test
    void delayMillis_highestJitter_isTheCeilingCappedAtMax() {
        // given
        final Backoff backoff = new Backoff(MIN, MAX, () -> 0.999_999_999);

        // when
        final long[] delays = IntStream.range(0, 6).mapToLong(backoff::delayMillis).toArray();

        // then
        assertThat(delays).containsExactly(100, 200, 400, 800, 1000, 1000);
    }

    @Test
    void delayMillis_manyAttempts_neverOverflowsOrExceedsMax() {
        // given a long maximum, where a plain shift would overflow after enough attempts
        final Backoff backoff = new Backoff(Duration.ofMillis(1), Duration.ofDays(3650), () -> 0.5);

        // when / then
        for (final int attempt : new int[] {0, 31, 62, 63, 64, 1_000, Integer.MAX_VALUE}) {
            assertThat(backoff.delayMillis(attempt)).as("attempt %d", attempt)
                    .isPositive().isLessThanOrEqualTo(Duration.ofDays(3650).toMillis());
        }
    }

    @Test
    void constructor_maxBelowMin_isRefused() {
        assertThatThrownBy(() -> new Backoff(MAX, MIN, () -> 0.0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min <= max");
    }
}
