// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bootstrap;

import io.civicpulse.gateway.mqtt.MqttServices;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT TCP listener.
 */
public final class MqttServer implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private Channel serverChannel;

    /**
     * Binds the listener.
     *
     * @param services    shared by every connection
     * @param bindAddress address to bind
     * @param port        port; 0 picks a free one
     * @return the bound address
     * @throws StartupException naming the port and the setting to change when it cannot bind
     */
    public InetSocketAddress start(final MqttServices services, final String bindAddress, final int port)
            throws StartupException {
        final ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new MqttChannelInitializer(services));
        try {
            serverChannel = b.bind(bindAddress, port).sync().channel();
        } catch (final Exception e) {
            close();
            if (e instanceof BindException) {
                throw new StartupException("MQTT port " + port + " on " + bindAddress + " is already in use or not "
                        + "available (" + e.getMessage() + "); change mqtt.port in the configuration or pass "
                        + "--mqtt-port (0 picks a free port)", e);
            }
            throw new StartupException("MQTT listener cannot bind " + bindAddress + ":" + port + ": " + e, e);
        }
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
