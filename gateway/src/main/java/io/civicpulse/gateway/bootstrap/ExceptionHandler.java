// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bootstrap;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

/**
 * Last handler of every pipeline: whatever escaped the others closes that one connection and nothing else. Quiet
 * on the network errors every server sees (a peer resetting the connection); one line for a failed TLS handshake.
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
        } else if (cause instanceof DecoderException && cause.getCause() instanceof SSLException tls) {
            // A client the TLS listener does not accept (no or untrusted certificate, plain MQTT on the TLS port):
            // one line, no stack trace.
            LOG.info("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), tls.getMessage());
        } else {
            LOG.warn("Closing connection {} after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
