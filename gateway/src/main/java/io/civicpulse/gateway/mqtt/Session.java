// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageType;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * The server side of one MQTT session (MQTT 5 §4.1): its subscriptions, outgoing QoS 1/2 messages in flight and
 * queued, incoming QoS 2 packet ids awaiting PUBREL, and its will. It outlives connections when the session
 * expiry allows.
 *
 * <p>Flow control (MQTT 5 §4.9): at most {@code min(client Receive Maximum, mqtt.limits.maxInflight)} QoS 1/2
 * messages are unacknowledged; more wait in a queue bounded by {@code mqtt.session.maxQueued}, where an overflow
 * drops the oldest message and counts it.
 *
 * <p>Thread-safe: every method holds the session's lock. Packets are written through the channel's event loop
 * while the lock is held, so they leave in the order the session decided them.
 */
final class Session {
    private final String clientId;
    private final int maxQueued;
    private final int maxInflight;
    private final LongSupplier clock;
    private final BrokerMeters meters;
    private final Map<String, Subscription> subscriptions = new LinkedHashMap<>();
    private final ArrayDeque<Delivery> queue = new ArrayDeque<>();
    private final LinkedHashMap<Integer, Outbound> inflight = new LinkedHashMap<>();
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private Channel channel;
    private int window = 1;
    private long maxPacketSize = Long.MAX_VALUE;
    private long expirySeconds;
    private long disconnectedAt;
    private Will will;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private int lastPacketId;
    private Runnable changed = () -> { };

    Session(final String clientId, final int maxQueued, final int maxInflight, final LongSupplier clock,
            final BrokerMeters meters) {
        this.clientId = clientId;
        this.maxQueued = maxQueued;
        this.maxInflight = maxInflight;
        this.clock = clock;
        this.meters = meters;
        this.disconnectedAt = clock.getAsLong();
    }

    String clientId() {
        return clientId;
    }

    /** @param listener told after every change worth persisting */
    synchronized void onChange(final Runnable listener) {
        this.changed = listener;
    }

    /**
     * Binds the session to a new connection, resends what was in flight (DUP) and sends what was queued.
     *
     * @param ch                the connection
     * @param clientReceiveMax  the client's Receive Maximum (65535 when it sent none)
     * @param clientMaxPacket   the client's Maximum Packet Size (unlimited when it sent none)
     */
    synchronized void attach(final Channel ch, final int clientReceiveMax, final long clientMaxPacket) {
        channel = ch;
        window = Math.max(1, Math.min(clientReceiveMax, maxInflight));
        maxPacketSize = clientMaxPacket;
        cancelTimer();
        // MQTT §4.4: on a resumed session, unacknowledged PUBLISH packets are resent with DUP, PUBRELs again.
        for (final Outbound o : inflight.values()) {
            write(o.released ? Packets.reply(MqttMessageType.PUBREL, o.packetId, (byte) 0, null)
                    : Packets.publish(o.delivery, o.packetId, true, clock.getAsLong()));
        }
        drain();
    }

    /**
     * @param ch the connection that closed
     * @return true when it was this session's current connection (so the session is now offline)
     */
    synchronized boolean detach(final Channel ch) {
        if (channel != ch) {
            return false;
        }
        channel = null;
        disconnectedAt = clock.getAsLong();
        changed.run();
        return true;
    }

    synchronized boolean online() {
        return channel != null;
    }

    /**
     * Sends a message now, or queues it when the client's window is full or it is offline (QoS 0 to an offline
     * client is dropped, MQTT 5 §4.1 allows it).
     *
     * @param d the delivery
     */
    synchronized void offer(final Delivery d) {
        final long now = clock.getAsLong();
        if (d.message().expired(now)) {
            meters.expired();
            return;
        }
        meters.delivered();
        if (d.qos() == 0) {
            if (channel != null) {
                send(d, now);
            }
            return;
        }
        if (channel != null && queue.isEmpty() && inflight.size() < window) {
            send(d, now);
        } else {
            if (queue.size() >= maxQueued) {
                queue.pollFirst();
                meters.overflow();
            }
            queue.addLast(d);
        }
        changed.run();
    }

    /** @param packetId a PUBACK from the client */
    synchronized void pubAck(final int packetId) {
        final Outbound o = inflight.get(packetId);
        if (o != null && o.delivery.qos() == 1) {
            inflight.remove(packetId);
            drain();
            changed.run();
        }
    }

    /**
     * @param packetId a PUBREC from the client
     * @param reason   its reason code; 0x80 and above end the exchange (MQTT 5 §4.3.3)
     */
    synchronized void pubRec(final int packetId, final byte reason) {
        final Outbound o = inflight.get(packetId);
        if (o == null || o.delivery.qos() != 2) {
            write(Packets.reply(MqttMessageType.PUBREL, packetId, (byte) 0x92, "packet identifier not found"));
            return;
        }
        if ((reason & 0x80) != 0) {
            inflight.remove(packetId);
            drain();
        } else {
            o.released = true;
            write(Packets.reply(MqttMessageType.PUBREL, packetId, (byte) 0, null));
        }
        changed.run();
    }

    /** @param packetId a PUBCOMP from the client */
    synchronized void pubComp(final int packetId) {
        if (inflight.remove(packetId) != null) {
            drain();
            changed.run();
        }
    }

    /**
     * @param packetId an incoming QoS 2 PUBLISH
     * @return true when it is new; false for a resend of one already received (not to be processed again)
     */
    synchronized boolean receiveQos2(final int packetId) {
        return inboundQos2.add(packetId);
    }

    /**
     * @param packetId a PUBREL from the client
     * @return true when the packet id was awaiting release
     */
    synchronized boolean releaseQos2(final int packetId) {
        return inboundQos2.remove(packetId);
    }

    /** @return incoming QoS 2 messages awaiting PUBREL (they count against our Receive Maximum) */
    synchronized int pendingQos2() {
        return inboundQos2.size();
    }

    synchronized Subscription subscribe(final Subscription s) {
        final Subscription previous = subscriptions.put(s.filter(), s);
        changed.run();
        return previous;
    }

    synchronized boolean unsubscribe(final String filter) {
        final boolean removed = subscriptions.remove(filter) != null;
        changed.run();
        return removed;
    }

    synchronized List<Subscription> subscriptions() {
        return new ArrayList<>(subscriptions.values());
    }

    synchronized long expirySeconds() {
        return expirySeconds;
    }

    synchronized void expirySeconds(final long seconds) {
        expirySeconds = seconds;
        changed.run();
    }

    synchronized long disconnectedAt() {
        return disconnectedAt;
    }

    synchronized Will will() {
        return will;
    }

    synchronized void will(final Will w) {
        will = w;
        changed.run();
    }

    /** @param t a will or expiry timer, cancelled when a connection resumes the session */
    synchronized void addTimer(final ScheduledFuture<?> t) {
        timers.removeIf(ScheduledFuture::isDone);
        timers.add(t);
    }

    /** Cancels the will and expiry timers. */
    synchronized void cancelTimers() {
        cancelTimer();
    }

    synchronized int queued() {
        return queue.size();
    }

    synchronized int inflightCount() {
        return inflight.size();
    }

    /** @return what must survive a restart */
    synchronized SessionSnapshot snapshot() {
        final List<SessionSnapshot.Pending> pending = new ArrayList<>();
        inflight.values().forEach(o -> pending.add(new SessionSnapshot.Pending(o.packetId, o.released, o.delivery)));
        queue.forEach(d -> pending.add(new SessionSnapshot.Pending(0, false, d)));
        return new SessionSnapshot(clientId, expirySeconds, channel != null ? SessionSnapshot.ONLINE : disconnectedAt,
                lastPacketId, new ArrayList<>(
                subscriptions.values()), pending, will);
    }

    /** @param s a snapshot read from disk, applied to this fresh session */
    synchronized void restore(final SessionSnapshot s) {
        expirySeconds = s.expirySeconds();
        disconnectedAt = s.disconnectedAt() == SessionSnapshot.ONLINE ? clock.getAsLong() : s.disconnectedAt();
        lastPacketId = s.lastPacketId();
        will = s.will();
        s.subscriptions().forEach(sub -> subscriptions.put(sub.filter(), sub));
        for (final SessionSnapshot.Pending p : s.pending()) {
            if (p.packetId() == 0) {
                queue.addLast(p.delivery());
            } else {
                final Outbound o = new Outbound(p.packetId(), p.delivery());
                o.released = p.released();
                inflight.put(p.packetId(), o);
            }
        }
    }

    private void drain() {
        final long now = clock.getAsLong();
        while (channel != null && inflight.size() < window && !queue.isEmpty()) {
            final Delivery d = queue.pollFirst();
            if (d.message().expired(now)) {
                meters.expired();
            } else {
                send(d, now);
            }
        }
    }

    private void send(final Delivery d, final long now) {
        if (Packets.sizeEstimate(d) > maxPacketSize) {
            // MQTT 5 §3.1.2.11.4: a packet larger than the client's Maximum Packet Size is discarded.
            meters.tooLarge();
            return;
        }
        if (d.qos() == 0) {
            write(Packets.publish(d, 0, false, now));
            return;
        }
        final int id = nextPacketId();
        inflight.put(id, new Outbound(id, d));
        write(Packets.publish(d, id, false, now));
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId >= 65_535 ? 1 : lastPacketId + 1;
        } while (inflight.containsKey(lastPacketId));
        return lastPacketId;
    }

    private void write(final MqttMessage m) {
        final Channel ch = channel;
        if (ch == null) {
            io.netty.util.ReferenceCountUtil.release(m);
            return;
        }
        ch.eventLoop().execute(() -> ch.writeAndFlush(m));
    }

    private void cancelTimer() {
        timers.forEach(t -> t.cancel(false));
        timers.clear();
    }

    /** A QoS 1/2 message sent and not yet completely acknowledged. */
    private static final class Outbound {
        private final int packetId;
        private final Delivery delivery;
        /** PUBREC received and PUBREL sent: waiting for PUBCOMP. */
        private boolean released;

        Outbound(final int packetId, final Delivery delivery) {
            this.packetId = packetId;
            this.delivery = delivery;
        }
    }
}
