// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyRecorderTest {

    @Test
    void percentiles_oneToHundred_nearestRank() {
        final LatencyRecorder recorder = new LatencyRecorder(1000);
        for (int value = 100; value >= 1; value--) {
            recorder.record(value);
        }

        assertThat(recorder.percentiles(50, 95, 99, 100)).containsExactly(50, 95, 99, 100);
        assertThat(recorder.maxNanos()).isEqualTo(100);
        assertThat(recorder.count()).isEqualTo(100);
    }

    @Test
    void percentiles_nothingRecorded_zeros() {
        assertThat(new LatencyRecorder(10).percentiles(50, 99)).containsExactly(0, 0);
    }

    @Test
    void record_beyondCapacity_keepsNewestButExactMax() {
        final LatencyRecorder recorder = new LatencyRecorder(4);
        recorder.record(1_000);
        for (int i = 0; i < 4; i++) {
            recorder.record(10);
        }

        assertThat(recorder.percentiles(100)).containsExactly(10);
        assertThat(recorder.maxNanos()).isEqualTo(1_000);
        assertThat(recorder.count()).isEqualTo(5);
    }
}
