// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** PUBACKs in arrival order (MQTT 5 §4.6), and none through the window of a lost connection. */
class AckWindowTest {
    private final List<Integer> acked = new CopyOnWriteArrayList<>();
    private final AckWindow window = new AckWindow(acked::add);

    @Test
    void complete_outOfOrder_acksInArrivalOrder() {
        // given three messages in flight
        final AckWindow.Slot first = window.reserve(11);
        final AckWindow.Slot second = window.reserve(12);
        final AckWindow.Slot third = window.reserve(13);

        // when the last two are stored before the first
        window.complete(third);
        window.complete(second);

        // then nothing may be acknowledged before the first
        assertThat(acked).isEmpty();
        assertThat(window.size()).isEqualTo(3);

        // when the first is stored
        window.complete(first);

        // then all three go out, in arrival order
        assertThat(acked).containsExactly(11, 12, 13);
        assertThat(window.size()).isZero();
    }

    @Test
    void complete_twice_acksOnce() {
        // given
        final AckWindow.Slot slot = window.reserve(5);

        // when
        window.complete(slot);
        window.complete(slot);

        // then
        assertThat(acked).containsExactly(5);
    }

    @Test
    void complete_afterAbandon_acksNothing() {
        // given a message in flight when the connection is lost
        final AckWindow.Slot slot = window.reserve(7);
        window.abandon();

        // when its reading is stored afterwards
        window.complete(slot);

        // then its packet id is not acknowledged: it belonged to the old connection
        assertThat(acked).isEmpty();
        assertThat(window.isLive()).isFalse();
    }

    @Test
    void reserve_afterAbandon_isNeverAcknowledged() {
        // given a window whose connection is gone
        window.abandon();

        // when a late message of that connection is taken and stored
        final AckWindow.Slot slot = window.reserve(3);
        window.complete(slot);

        // then
        assertThat(acked).isEmpty();
        assertThat(window.size()).isZero();
        assertThat(slot.messageId()).isEqualTo(3);
    }
}
