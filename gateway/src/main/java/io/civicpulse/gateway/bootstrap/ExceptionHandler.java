// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bootstrap;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * Last handler of every pipeline: whatever escaped the others closes that one connection and nothing else. Quiet
 * on the network errors every server sees (a peer resetting the connection).
 */
@ChannelHandler.Sharable
public final class ExceptionHandler extends ChannelInboundHandlerAdapter {
    /** Pipeline name. */
    public static final String NAME = "exceptions";
    /** The one instance; it has no state. */
    public static final ExceptionHandler INSTANCE = new ExceptionHandler();

    private static final Logger LOG = LoggerFactory.getLogger(ExceptionHandler.class);

    private ExceptionHandler() {
    }

    @Override
    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause) {
        if (cause instanceof IOException || cause instanceof ClosedChannelException) {
            LOG.debug("Connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("Closing connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
