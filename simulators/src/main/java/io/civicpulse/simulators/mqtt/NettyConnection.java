// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A device connection on Netty's MQTT codec and a shared event loop ({@link NettyClientGroup}): no threads of
 * its own, so one process holds tens of thousands of them. MQTT 3.1.1 or 5, QoS 0 and 1, keep-alive pings,
 * Last Will, automatic reconnect (1 s doubling to 30 s) after a lost connection, and {@link #drop()}.
 *
 * <p>Thread-safe: publishes may come from any thread; protocol events run on the channel's event loop.
 */
public final class NettyConnection implements DeviceConnection {

    private static final int MAX_PACKET_BYTES = 1 << 20;

    private final ConnectionSettings settings;
    private final MqttProtocol protocol;
    private final ConnectionListener listener;
    private final NettyClientGroup group;
    private final Map<Integer, PublishListener> inFlight = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private volatile Channel channel;
    private volatile boolean connected;
    private volatile boolean wanted;
    private volatile boolean everConnected;
    private volatile int serverReceiveMaximum;
    private int nextPacketId = 1;
    private int reconnectDelaySeconds = 1;

    /** A not yet connected device on {@code group}. */
    public NettyConnection(final ConnectionSettings settings, final MqttProtocol protocol,
                           final ConnectionListener listener, final NettyClientGroup group) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null.");
        this.protocol = Objects.requireNonNull(protocol, "protocol must not be null.");
        this.listener = Objects.requireNonNull(listener, "listener must not be null.");
        this.group = Objects.requireNonNull(group, "group must not be null.");
    }

    @Override
    public String clientId() {
        return settings.clientId();
    }

    @Override
    public CompletableFuture<Void> connect() {
        wanted = true;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final NettyMqttHandler handler = new NettyMqttHandler(this, done, settings.keepAliveSeconds());
        final ChannelFuture future = group.bootstrap().handler(handler.initializer(MAX_PACKET_BYTES))
                .connect(settings.endpoint().host(), settings.endpoint().port());
        channel = future.channel();
        future.addListener(f -> {
            if (f.isSuccess()) {
                future.channel().writeAndFlush(connectMessage());
                // No CONNACK in time: give up on this attempt, as Paho's connection timeout does.
                future.channel().eventLoop().schedule(() -> {
                    if (!done.isDone()) {
                        done.completeExceptionally(new IllegalStateException("no CONNACK within "
                                + ConnectionSettings.CONNECTION_TIMEOUT_SECONDS + " s"));
                        future.channel().close();
                    }
                }, ConnectionSettings.CONNECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } else {
                done.completeExceptionally(new IllegalStateException("cannot reach " + settings.endpoint() + ": "
                        + f.cause().getMessage(), f.cause()));
            }
        });
        return done;
    }

    private MqttMessage connectMessage() {
        final MqttMessageBuilders.ConnectBuilder connect = MqttMessageBuilders.connect()
                .protocolVersion(protocol == MqttProtocol.V5 ? MqttVersion.MQTT_5 : MqttVersion.MQTT_3_1_1)
                .clientId(settings.clientId()).cleanSession(true).keepAlive(settings.keepAliveSeconds())
                .hasUser(true).username(settings.username())
                .hasPassword(true).password(settings.password().getBytes(StandardCharsets.UTF_8));
        final WillMessage will = settings.will();
        if (will != null) {
            connect.willFlag(true).willTopic(will.topic()).willMessage(will.payload())
                    .willQoS(MqttQoS.valueOf(will.qos()));
        }
        return connect.build();
    }

    /** The CONNACK accepted us: called on the event loop. */
    void accepted(final int receiveMaximum) {
        serverReceiveMaximum = receiveMaximum;
        connected = true;
        reconnectDelaySeconds = 1;
        final boolean reconnect = everConnected;
        everConnected = true;
        listener.connected(reconnect);
    }

    /** The channel closed: fail what was in flight, tell the listener, and reconnect if it was not asked for. */
    void closed(final Channel closedChannel, final String reason) {
        if (closedChannel != channel) {
            return; // an older channel, already replaced
        }
        final boolean wasConnected = connected;
        connected = false;
        failInFlight(reason);
        if (wasConnected && wanted) {
            listener.connectionLost(reason);
        }
        if (wasConnected && wanted) {
            scheduleReconnect();
        }
    }

    private void scheduleReconnect() {
        final int delay = reconnectDelaySeconds;
        reconnectDelaySeconds = Math.min(ConnectionSettings.MAX_RECONNECT_DELAY_SECONDS, delay * 2);
        group.group().schedule(this::reconnect, delay, TimeUnit.SECONDS);
    }

    // Like Paho's automatic reconnect: only after a connection that was up is lost, backing off while it fails.
    private void reconnect() {
        if (wanted && !connected) {
            connect().whenComplete((ok, error) -> {
                if (error != null && wanted) {
                    scheduleReconnect();
                }
            });
        }
    }

    /** A PUBACK arrived (reason 0 for MQTT 3.1.1): called on the event loop. */
    void acknowledged(final int packetId, final int reasonCode) {
        final PublishListener waiting = inFlight.remove(packetId);
        if (waiting == null) {
            return;
        }
        if (reasonCode >= 0x80) {
            waiting.rejected(reasonCode);
        } else {
            waiting.acked();
        }
    }

    private void failInFlight(final String reason) {
        for (final Integer id : inFlight.keySet()) {
            final PublishListener waiting = inFlight.remove(id);
            if (waiting != null) {
                waiting.failed(new IllegalStateException("connection lost before PUBACK: " + reason));
            }
        }
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    @Override
    public void publish(final String topic, final byte[] payload, final int qos, final PublishListener publish) {
        final Channel current = channel;
        if (!connected || current == null) {
            publish.failed(new IllegalStateException("not connected"));
            return;
        }
        final MqttMessageBuilders.PublishBuilder message = MqttMessageBuilders.publish().topicName(topic)
                .qos(MqttQoS.valueOf(qos)).retained(false).payload(Unpooled.wrappedBuffer(payload));
        if (qos == 0) {
            current.writeAndFlush(message.messageId(0).build()).addListener(f -> {
                if (f.isSuccess()) {
                    publish.acked();
                } else {
                    publish.failed(f.cause());
                }
            });
            return;
        }
        final int packetId = packetId();
        if (inFlight.putIfAbsent(packetId, publish) != null) {
            publish.failed(new IllegalStateException("65535 publishes in flight on one connection"));
            return;
        }
        current.writeAndFlush(message.messageId(packetId).build()).addListener(f -> {
            if (!f.isSuccess() && inFlight.remove(packetId, publish)) {
                publish.failed(f.cause());
            }
        });
    }

    private int packetId() {
        synchronized (lock) {
            final int id = nextPacketId;
            nextPacketId = id == 0xFFFF ? 1 : id + 1;
            return id;
        }
    }

    @Override
    public void drop() {
        wanted = false;
        final Channel current = channel;
        if (current != null) {
            current.close(); // no DISCONNECT: the gateway publishes the will
        }
    }

    @Override
    public void close(final Duration timeout) {
        wanted = false;
        final Channel current = channel;
        if (current == null || !current.isActive()) {
            return;
        }
        final long millis = Math.max(1, timeout.toMillis());
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis / 2);
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        final MqttMessage disconnect = new MqttMessage(new MqttFixedHeader(MqttMessageType.DISCONNECT, false,
                MqttQoS.AT_MOST_ONCE, false, 0));
        current.writeAndFlush(disconnect).addListener(f -> current.close());
        current.closeFuture().awaitUninterruptibly(millis);
    }
}
