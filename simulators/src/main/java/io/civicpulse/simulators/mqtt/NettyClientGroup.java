// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The event loop all {@link NettyConnection}s of one runner share: a handful of threads for any number of
 * devices. Close it after every connection is closed.
 */
public final class NettyClientGroup implements AutoCloseable {

    private final EventLoopGroup group;

    /** A group of {@code threads} daemon event-loop threads (0: one per core). */
    public NettyClientGroup(final int threads) {
        final AtomicInteger count = new AtomicInteger();
        final ThreadFactory factory = task -> {
            final Thread thread = new Thread(task, "cp-sim-io-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        final int size = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        this.group = new MultiThreadIoEventLoopGroup(size, factory, NioIoHandler.newFactory());
    }

    /** A bootstrap on this group; the caller adds the handler. */
    Bootstrap bootstrap() {
        return new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, ConnectionSettings.CONNECTION_TIMEOUT_SECONDS * 1000);
    }

    /** The group, for scheduling reconnects and pings. */
    EventLoopGroup group() {
        return group;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
