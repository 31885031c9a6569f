// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.mqtt.MqttMessage;

import java.util.ArrayDeque;

/**
 * Sends PUBACKs in the order the PUBLISH packets arrived (MQTT 3.1.1 §4.6.0-2, MQTT 5 §4.6), although readings
 * are stored asynchronously and refusals are known at once.
 *
 * <p>Used only on the connection's event loop, so it needs no locks.
 */
final class AckSequencer {
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();

    /** @return a place in line for one QoS 1 PUBLISH */
    Slot reserve() {
        final Slot slot = new Slot();
        pending.addLast(slot);
        return slot;
    }

    /** @return QoS 1 messages received but not yet acknowledged */
    int inFlight() {
        return pending.size();
    }

    /**
     * Fills a slot and writes every acknowledgement that is now at the head of the line.
     *
     * @param ctx  the connection
     * @param slot the slot from {@link #reserve()}
     * @param ack  the PUBACK, or null to close the connection instead (the client will resend)
     */
    void complete(final ChannelHandlerContext ctx, final Slot slot, final MqttMessage ack) {
        slot.ack = ack;
        slot.done = true;
        boolean wrote = false;
        while (!pending.isEmpty() && pending.peekFirst().done) {
            final Slot head = pending.pollFirst();
            if (head.ack == null) {
                // Acknowledge what was stored before closing, or the client resends stored readings.
                pending.clear();
                if (wrote) {
                    ctx.flush();
                }
                ctx.close();
                return;
            }
            ctx.write(head.ack);
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    /** One acknowledgement waiting for its turn. */
    static final class Slot {
        private MqttMessage ack;
        private boolean done;
    }
}
