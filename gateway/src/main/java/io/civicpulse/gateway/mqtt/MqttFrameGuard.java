// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.List;

/**
 * Sits in front of netty-codec-mqtt's decoder and hands it only whole packets whose structure is valid
 * ({@link PacketStructure}). A packet whose remaining length exceeds the limit is refused as soon as its fixed header
 * is read, before its body. Anything wrong becomes a failed {@link MqttMessage} for the connection handler, which
 * closes the connection with the reason code; everything the client sends after it is discarded unread.
 *
 * <p>Not sharable: one instance per connection, on its event loop.
 */
public final class MqttFrameGuard extends ByteToMessageDecoder {
    /** Pipeline name. */
    public static final String NAME = "frame-guard";

    private final int maxPacketBytes;
    private int level;
    private boolean failed;

    /** @param maxPacketBytes largest remaining length accepted ({@code mqtt.maxPacketBytes}) */
    public MqttFrameGuard(final int maxPacketBytes) {
        this.maxPacketBytes = maxPacketBytes;
    }

    @Override
    protected void decode(final ChannelHandlerContext ctx, final ByteBuf in, final List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        // Whole packets are passed on together as one slice: one decoder read per socket read, not per packet.
        final int start = in.readerIndex();
        int end = start;
        try {
            while (true) {
                final int length = frameLength(in, end);
                if (length < 0) {
                    break;
                }
                end += length;
            }
        } catch (final PacketViolation | TooLongFrameException e) {
            failed = true;
            if (end > start) {
                out.add(in.readRetainedSlice(end - start));
            }
            in.skipBytes(in.readableBytes());
            // The same shape netty-codec-mqtt gives an invalid packet: no header, a failed decoder result.
            out.add(new MqttMessage(null, null, null, DecoderResult.failure(e)));
            return;
        }
        if (end > start) {
            out.add(in.readRetainedSlice(end - start));
        }
    }

    /**
     * @return the length of the complete, valid packet at {@code at}, or -1 when it has not fully arrived
     * @throws PacketViolation       when it breaks a rule
     * @throws TooLongFrameException when its remaining length exceeds the limit
     */
    private int frameLength(final ByteBuf in, final int at) throws TooLongFrameException {
        final int available = in.writerIndex() - at;
        if (available < 2) {
            return -1;
        }
        int remaining = 0;
        int headerLength = 1;
        int digit;
        do {
            if (headerLength == 5) {
                throw new PacketViolation(PacketStructure.MALFORMED, "remaining length longer than four bytes "
                        + "(§1.5.5)");
            }
            if (headerLength >= available) {
                return -1;
            }
            digit = in.getUnsignedByte(at + headerLength);
            remaining |= (digit & 0x7F) << (7 * (headerLength - 1));
            headerLength++;
        } while ((digit & 0x80) != 0);
        if (remaining > maxPacketBytes) {
            throw new TooLongFrameException("remaining length " + remaining + " exceeds " + maxPacketBytes);
        }
        if (available < headerLength + remaining) {
            return -1;
        }
        final int firstByte = in.getUnsignedByte(at);
        final ByteBuf body = in.slice(at + headerLength, remaining);
        if (firstByte >> 4 == 1) {
            level = PacketStructure.connectLevel(body);
        }
        PacketStructure.check(firstByte, body, level);
        return headerLength + remaining;
    }
}
