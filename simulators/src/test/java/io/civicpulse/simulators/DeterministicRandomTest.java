// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeterministicRandomTest {

    @Test
    void forKey_sameSeedAndKey_sameSequence() {
        assertThat(DeterministicRandom.forKey(42, "model:sl-001").longs(5).toArray())
                .containsExactly(DeterministicRandom.forKey(42, "model:sl-001").longs(5).toArray());
    }

    @Test
    void forKey_otherSeedOrKey_otherSequence() {
        final long first = DeterministicRandom.forKey(42, "model:sl-001").nextLong();
        assertThat(DeterministicRandom.forKey(43, "model:sl-001").nextLong()).isNotEqualTo(first);
        assertThat(DeterministicRandom.forKey(42, "model:sl-002").nextLong()).isNotEqualTo(first);
    }
}
