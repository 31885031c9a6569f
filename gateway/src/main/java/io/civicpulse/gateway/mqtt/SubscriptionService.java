// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.util.AttributeKey;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Subscriptions and their access rules, and delivery of the gateway's own messages (alerts) to subscribers.
 *
 * <p>Who may subscribe to what: a crew account to its body's alert topic {@code cp/{community|+}/alerts/{bodyId}};
 * a device to its own command topic {@code cp/{community}/{type}/{id}/cmd}. Everything else is refused.
 * Thread-safe: SUBSCRIBE runs on event loops, {@link #publish} on the issue worker.
 */
public final class SubscriptionService {
    private static final AttributeKey<AtomicInteger> PACKET_IDS = AttributeKey.valueOf("cp.outbound.packetIds");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");

    private final Map<Channel, List<Subscription>> byChannel = new ConcurrentHashMap<>();

    /**
     * @param who    the subscriber
     * @param filter the requested topic filter
     * @return true when that client may subscribe to that filter
     */
    public boolean mayRead(final ClientIdentity who, final String filter) {
        if (!TopicFilter.isValid(filter)) {
            return false;
        }
        final String[] levels = filter.split("/", -1);
        if (who instanceof ClientIdentity.CrewClient crew) {
            return levels.length == 4 && "cp".equals(levels[0]) && "alerts".equals(levels[2])
                    && ("+".equals(levels[1]) || SEGMENT.matcher(levels[1]).matches())
                    && crew.account().bodyId().equals(levels[3]);
        }
        final ClientIdentity.DeviceClient device = (ClientIdentity.DeviceClient) who;
        return filter.equals("cp/" + device.device().community() + "/" + device.device().type() + "/"
                + device.device().id() + "/cmd");
    }

    /**
     * Records a granted subscription.
     *
     * @param channel the subscriber's connection
     * @param filter  the filter
     * @param qos     the granted QoS (0 or 1)
     */
    public void subscribe(final Channel channel, final String filter, final MqttQoS qos) {
        if (!channel.isActive()) {
            return;
        }
        final List<Subscription> fresh = new CopyOnWriteArrayList<>();
        final List<Subscription> existing = byChannel.putIfAbsent(channel, fresh);
        final List<Subscription> subs = existing == null ? fresh : existing;
        if (existing == null) {
            // Registered outside the map update: the listener runs at once if the channel closed meanwhile.
            channel.closeFuture().addListener(f -> byChannel.remove(channel));
        }
        subs.removeIf(s -> s.filter.equals(filter));
        subs.add(new Subscription(filter, qos.value() > 1 ? MqttQoS.AT_LEAST_ONCE : qos));
    }

    /**
     * @param channel the subscriber's connection
     * @param filter  the filter to drop
     * @return true when a subscription was removed
     */
    public boolean unsubscribe(final Channel channel, final String filter) {
        final List<Subscription> subs = byChannel.get(channel);
        return subs != null && subs.removeIf(s -> s.filter.equals(filter));
    }

    /**
     * Delivers a message to every matching subscription, at the lower of QoS 1 and the granted QoS.
     *
     * @param topic   the topic name
     * @param payload the payload; not modified
     * @return the number of connections it was sent to
     */
    public int publish(final String topic, final byte[] payload) {
        int sent = 0;
        for (final Map.Entry<Channel, List<Subscription>> e : byChannel.entrySet()) {
            MqttQoS best = null;
            for (final Subscription s : e.getValue()) {
                if (TopicFilter.matches(s.filter, topic) && (best == null || s.qos.value() > best.value())) {
                    best = s.qos;
                }
            }
            if (best != null && e.getKey().isActive()) {
                send(e.getKey(), topic, payload, best.value() > 1 ? MqttQoS.AT_LEAST_ONCE : best);
                sent++;
            }
        }
        return sent;
    }

    private static void send(final Channel channel, final String topic, final byte[] payload, final MqttQoS qos) {
        final int packetId = qos == MqttQoS.AT_MOST_ONCE ? 0 : nextPacketId(channel);
        channel.writeAndFlush(MqttMessageBuilders.publish().topicName(topic).qos(qos).retained(false)
                .messageId(packetId).payload(Unpooled.wrappedBuffer(payload)).build());
    }

    private static int nextPacketId(final Channel channel) {
        final AtomicInteger ids = channel.attr(PACKET_IDS).setIfAbsent(new AtomicInteger());
        final AtomicInteger counter = ids == null ? channel.attr(PACKET_IDS).get() : ids;
        // Packet ids are 1..65535 (0 is not allowed).
        return counter.updateAndGet(i -> i >= 65_535 ? 1 : i + 1);
    }

    /** A granted filter. */
    private record Subscription(String filter, MqttQoS qos) {
    }
}
