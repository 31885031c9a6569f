// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The frame guard alone: what it hands the decoder, and what it refuses. */
class MqttFrameGuardTest {
    private static final byte[] CONNECT_V5 = {0x10, 0x10, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x00,
        0x00, 0x00, 0x03, 'a', 'b', 'c'};
    private static final byte[] PING = {(byte) 0xC0, 0x00};

    private final EmbeddedChannel channel = new EmbeddedChannel(new MqttFrameGuard(1024));

    @AfterEach
    void release() {
        channel.finishAndReleaseAll();
    }

    @Test
    void packetsSplitAcrossReads_arePassedOnWholeAndUnchanged() {
        // given a CONNECT cut in two reads, then two PINGREQs in one
        final byte[] connect = fixLength(CONNECT_V5);
        channel.writeInbound(Unpooled.wrappedBuffer(connect, 0, 7));
        assertThat((Object) channel.readInbound()).as("half a packet is held back").isNull();
        channel.writeInbound(Unpooled.wrappedBuffer(connect, 7, connect.length - 7));
        channel.writeInbound(Unpooled.wrappedBuffer(PING, PING));

        // then
        assertThat(bytesOf(channel.readInbound())).isEqualTo(connect);
        assertThat(bytesOf(channel.readInbound())).isEqualTo(new byte[] {(byte) 0xC0, 0, (byte) 0xC0, 0});
    }

    @Test
    void oversizedHeader_isRefusedBeforeItsBody_andNothingAfterIsPassedOn() {
        // given a PUBLISH whose remaining length says 10 MB, followed by 64 KiB of its body
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0x80, (byte) 0xAD, (byte) 0xE2, 0x04}));
        final MqttMessage refusal = channel.readInbound();
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[65_536]));

        // then
        assertThat(refusal.decoderResult().cause()).isInstanceOf(TooLongFrameException.class);
        assertThat((Object) channel.readInbound()).as("the body is discarded, never buffered").isNull();
    }

    @Test
    void stringLengthPastThePacketEnd_isMalformed_notAWaitForTheNextPacket() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, 0x04, 0x00, (byte) 0xC8, 'a', 'b'}));
        assertViolation(PacketStructure.MALFORMED);
    }

    @Test
    void duplicatedPropertyAfterV5Connect_isProtocolError() {
        channel.writeInbound(Unpooled.wrappedBuffer(fixLength(CONNECT_V5)));
        bytesOf(channel.readInbound());
        // PUBLISH QoS 0 to "t" with two Payload Format Indicators
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, 0x08, 0x00, 0x01, 't', 0x04, 0x01, 0x00, 0x01,
            0x00}));
        assertViolation(PacketStructure.PROTOCOL_ERROR);
    }

    @Test
    void remainingLengthOverFourBytes_isMalformed() {
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0x30, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, 0x7F}));
        assertViolation(PacketStructure.MALFORMED);
    }

    private void assertViolation(final int reasonCode) {
        final MqttMessage m = channel.readInbound();
        assertThat(m.decoderResult().cause()).isInstanceOf(PacketViolation.class);
        assertThat(((PacketViolation) m.decoderResult().cause()).reasonCode()).isEqualTo((byte) reasonCode);
    }

    /** @return the packet with its one-byte remaining length set from its size */
    private static byte[] fixLength(final byte[] packet) {
        final byte[] copy = packet.clone();
        copy[1] = (byte) (copy.length - 2);
        return copy;
    }

    private static byte[] bytesOf(final Object o) {
        final ByteBuf b = (ByteBuf) o;
        try {
            final byte[] out = new byte[b.readableBytes()];
            b.readBytes(out);
            return out;
        } finally {
            b.release();
        }
    }
}
