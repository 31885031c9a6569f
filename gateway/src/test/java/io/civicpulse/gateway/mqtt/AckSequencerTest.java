// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** PUBACKs leave in the order the PUBLISH packets arrived, whatever order the readings complete in. */
class AckSequencerTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelInboundHandlerAdapter());
    private final ChannelHandlerContext ctx = channel.pipeline().firstContext();
    private final AckSequencer acks = new AckSequencer();

    @AfterEach
    void releaseChannel() {
        channel.finishAndReleaseAll();
    }

    private static MqttMessage pubAck(final int packetId) {
        return MqttMessageBuilders.pubAck().packetId(packetId).build();
    }

    private List<Integer> written() {
        final List<Integer> ids = new ArrayList<>();
        for (Object m = channel.readOutbound(); m != null; m = channel.readOutbound()) {
            ids.add(((MqttMessageIdVariableHeader) ((MqttMessage) m).variableHeader()).messageId());
        }
        return ids;
    }

    @Test
    void complete_outOfOrder_writesAcksInArrivalOrder() {
        // given three PUBLISH packets in line
        final AckSequencer.Slot first = acks.reserve();
        final AckSequencer.Slot second = acks.reserve();
        final AckSequencer.Slot third = acks.reserve();

        // when the last completes first
        acks.complete(ctx, third, pubAck(3));

        // then nothing may leave yet
        assertThat(written()).isEmpty();
        assertThat(acks.inFlight()).isEqualTo(3);

        // when the first completes
        acks.complete(ctx, first, pubAck(1));

        // then only the first leaves
        assertThat(written()).containsExactly(1);
        assertThat(acks.inFlight()).isEqualTo(2);

        // when the middle one completes
        acks.complete(ctx, second, pubAck(2));

        // then the rest leave in arrival order
        assertThat(written()).containsExactly(2, 3);
        assertThat(acks.inFlight()).isZero();
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void complete_inOrder_writesEachAtOnce() {
        // given
        final AckSequencer.Slot first = acks.reserve();
        final AckSequencer.Slot second = acks.reserve();

        // when
        acks.complete(ctx, first, pubAck(10));
        final List<Integer> afterFirst = written();
        acks.complete(ctx, second, pubAck(11));

        // then
        assertThat(afterFirst).containsExactly(10);
        assertThat(written()).containsExactly(11);
    }

    @Test
    void complete_nullAckAtTheHead_closesWithoutWritingLaterAcks() {
        // given
        final AckSequencer.Slot first = acks.reserve();
        final AckSequencer.Slot second = acks.reserve();
        acks.complete(ctx, second, pubAck(2));

        // when the head cannot be acknowledged
        acks.complete(ctx, first, null);

        // then the connection closes and the later ack is dropped too (the client resends both)
        assertThat(channel.isOpen()).isFalse();
        assertThat(written()).isEmpty();
        assertThat(acks.inFlight()).isZero();
    }

    @Test
    void complete_nullAckBehindACompletedAck_sendsTheEarlierAckBeforeClosing() {
        // given the second reading could not be taken, the first one is still being stored
        final AckSequencer.Slot first = acks.reserve();
        final AckSequencer.Slot second = acks.reserve();
        acks.complete(ctx, second, null);
        assertThat(channel.isOpen()).isTrue();

        // when the first one is stored
        acks.complete(ctx, first, pubAck(1));

        // then its PUBACK reaches the client before the close, so only the second is resent
        assertThat(written()).containsExactly(1);
        assertThat(channel.isOpen()).isFalse();
    }
}
