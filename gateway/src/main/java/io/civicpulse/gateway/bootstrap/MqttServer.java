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
import io.netty.handler.ssl.SslContext;

import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The MQTT listeners: plain TCP and, when configured, TLS; both share the event loops.
 */
public final class MqttServer implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    private final List<Channel> serverChannels = new ArrayList<>();

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
        return bind(new MqttChannelInitializer(services), bindAddress, port, "mqtt.port", "--mqtt-port");
    }

    /**
     * Binds the TLS listener.
     *
     * @param services    shared by every connection
     * @param ssl         the TLS context
     * @param bindAddress address to bind
     * @param port        port; 0 picks a free one
     * @return the bound address
     * @throws StartupException naming the port and the setting to change when it cannot bind
     */
    public InetSocketAddress startTls(final MqttServices services, final SslContext ssl, final String bindAddress,
                                      final int port) throws StartupException {
        return bind(new MqttChannelInitializer(services, ssl), bindAddress, port, "mqtt.tls.port", null);
    }

    private InetSocketAddress bind(final MqttChannelInitializer initializer, final String bindAddress, final int port,
                                   final String key, final String flag) throws StartupException {
        final ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(initializer);
        final Channel channel;
        try {
            channel = b.bind(bindAddress, port).sync().channel();
        } catch (final Exception e) {
            close();
            if (e instanceof BindException) {
                throw new StartupException("MQTT port " + port + " on " + bindAddress + " is already in use or not "
                        + "available (" + e.getMessage() + "); change " + key + " in the configuration"
                        + (flag == null ? "" : " or pass " + flag) + " (0 picks a free port)", e);
            }
            throw new StartupException("MQTT listener cannot bind " + bindAddress + ":" + port + ": " + e, e);
        }
        serverChannels.add(channel);
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        serverChannels.forEach(c -> c.close().syncUninterruptibly());
        serverChannels.clear();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
