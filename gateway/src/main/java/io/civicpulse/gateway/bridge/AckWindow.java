// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/**
 * The QoS 1 messages of one broker connection that are not yet acknowledged, in arrival order. Acknowledgements go
 * out in that order (MQTT 5 §4.6: a client sends PUBACKs in the order the PUBLISH packets arrived), although the
 * readings are stored asynchronously by several lanes.
 *
 * <p>Packet identifiers belong to one connection: once it is lost the window is {@linkplain #abandon() abandoned}
 * and later completions send nothing; the broker redelivers those messages on the resumed session.
 *
 * <p>Thread-safe: slots are reserved on the MQTT callback thread and completed on lane or writer threads. The ack
 * sender is called under the window's lock (it only queues a packet) so concurrent completions cannot reorder acks.
 */
final class AckWindow {
    private final IntConsumer sendAck;
    private final ArrayDeque<Slot> pending = new ArrayDeque<>();
    private boolean live;

    /**
     * @param sendAck sends the PUBACK of a packet identifier on this window's connection
     */
    AckWindow(final IntConsumer sendAck) {
        this.sendAck = sendAck;
        this.live = true;
    }

    /**
     * @param messageId the packet identifier of a QoS 1 PUBLISH
     * @return its place in line
     */
    synchronized Slot reserve(final int messageId) {
        final Slot slot = new Slot(messageId);
        if (live) {
            pending.addLast(slot);
        }
        return slot;
    }

    /**
     * Marks a message ready for acknowledgement and acknowledges every message now at the head of the line.
     * Completing a slot twice, or a slot of an abandoned window, does nothing.
     *
     * @param slot a slot from {@link #reserve}
     */
    synchronized void complete(final Slot slot) {
        slot.ready = true;
        while (live && !pending.isEmpty() && pending.peekFirst().ready) {
            sendAck.accept(pending.pollFirst().messageId);
        }
    }

    /** The connection is gone: nothing more is acknowledged through this window. */
    synchronized void abandon() {
        live = false;
        pending.clear();
    }

    /** @return true while the window's connection is the current one */
    synchronized boolean isLive() {
        return live;
    }

    /** @return messages received on this connection and not yet acknowledged */
    synchronized int size() {
        return pending.size();
    }

    /** One message waiting for its acknowledgement. */
    static final class Slot {
        private final int messageId;
        private boolean ready;

        private Slot(final int messageId) {
            this.messageId = messageId;
        }

        /** @return the packet identifier */
        int messageId() {
            return messageId;
        }
    }
}
