// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.bootstrap.ExceptionHandler;
import io.civicpulse.gateway.bootstrap.MqttChannelInitializer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One MQTT connection on the wire, without sockets: a gateway-side {@link EmbeddedChannel} with the production
 * pipeline (frame guard, decoder, encoder, {@link MqttConnectionHandler}, exception handler, same names) and a
 * client-side {@link EmbeddedChannel} with netty-codec-mqtt that encodes what the test sends and decodes what the
 * gateway answers. Bytes cross between them, so both codecs and the negotiated protocol version take part.
 *
 * <p>Everything runs on the test thread: the gateway channel's tasks (CONNACK after the bcrypt check, PUBACK after
 * the lane) are run by {@link #pump()}. Every decoded message is released by {@link #close()}.
 */
final class MqttWire implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(10);

    final EmbeddedChannel gateway;
    final EmbeddedChannel client;
    private final Deque<MqttMessage> inbox = new ArrayDeque<>();
    private final List<ReferenceCounted> toRelease = new ArrayList<>();

    MqttWire(final MqttServices services) {
        gateway = new EmbeddedChannel(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(final Channel ch) {
                // The same handlers and names as MqttChannelInitializer (which is bound to SocketChannel).
                ch.pipeline().addLast(MqttFrameGuard.NAME, new MqttFrameGuard(services.config().maxPacketBytes()));
                ch.pipeline().addLast(MqttChannelInitializer.DECODER, new MqttDecoder(
                        services.config().maxPacketBytes(), services.config().maxClientIdLength()));
                ch.pipeline().addLast(MqttChannelInitializer.ENCODER, MqttEncoder.INSTANCE);
                ch.pipeline().addLast(MqttConnectionHandler.NAME, new MqttConnectionHandler(services));
                ch.pipeline().addLast(ExceptionHandler.NAME, ExceptionHandler.INSTANCE);
            }
        });
        client = new EmbeddedChannel(new MqttDecoder(), MqttEncoder.INSTANCE);
    }

    /** Encodes packets as the client and delivers the bytes to the gateway in one read. */
    void send(final MqttMessage... messages) {
        final ByteBuf wire = Unpooled.buffer();
        for (final MqttMessage m : messages) {
            assertThat(client.writeOutbound(m)).isTrue();
            for (ByteBuf b = client.readOutbound(); b != null; b = client.readOutbound()) {
                wire.writeBytes(b);
                b.release();
            }
        }
        sendBytes(wire);
    }

    /** Delivers raw bytes to the gateway (the gateway's decoder releases them). */
    void sendBytes(final ByteBuf bytes) {
        gateway.writeInbound(bytes);
    }

    /** Encodes one packet as the client would, without sending it. The caller releases it. */
    ByteBuf encode(final MqttMessage message) {
        assertThat(client.writeOutbound(message)).isTrue();
        final ByteBuf out = Unpooled.buffer();
        for (ByteBuf b = client.readOutbound(); b != null; b = client.readOutbound()) {
            out.writeBytes(b);
            b.release();
        }
        return out;
    }

    /** Runs the gateway's pending tasks and decodes whatever it wrote into the inbox. */
    void pump() {
        gateway.runPendingTasks();
        for (Object o = gateway.readOutbound(); o != null; o = gateway.readOutbound()) {
            client.writeInbound(o);
        }
        for (Object o = client.readInbound(); o != null; o = client.readInbound()) {
            if (o instanceof ReferenceCounted rc) {
                toRelease.add(rc);
            }
            inbox.add((MqttMessage) o);
        }
    }

    /** @return the next packet from the gateway, waiting up to 10 s for it; fails if the gateway closed instead */
    MqttMessage next() {
        await().pollInSameThread().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            pump();
            return !inbox.isEmpty() || !gateway.isOpen();
        });
        assertThat(inbox).as("the gateway closed the connection without sending the expected packet").isNotEmpty();
        return inbox.poll();
    }

    /**
     * @param type the expected packet class
     * @param <T>  its type
     * @return the next packet from the gateway, which must be of that class
     */
    <T extends MqttMessage> T next(final Class<T> type) {
        final MqttMessage m = next();
        assertThat(m).isInstanceOf(type);
        return type.cast(m);
    }

    /** @return every packet the gateway has written so far, without waiting */
    List<MqttMessage> drain() {
        pump();
        final List<MqttMessage> out = new ArrayList<>(inbox);
        inbox.clear();
        return out;
    }

    /** Waits until the gateway has closed the connection (running its tasks meanwhile). */
    void awaitClosed() {
        await().pollInSameThread().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            pump();
            return !gateway.isOpen();
        });
    }

    /** @return true while the gateway keeps the connection open */
    boolean isOpen() {
        return gateway.isOpen();
    }

    @Override
    public void close() {
        pump();
        gateway.finishAndReleaseAll();
        client.finishAndReleaseAll();
        for (final ReferenceCounted rc : toRelease) {
            if (rc.refCnt() > 0) {
                ReferenceCountUtil.release(rc);
            }
        }
        assertThat(toRelease).allSatisfy(rc -> assertThat(rc.refCnt()).isZero());
    }
}
