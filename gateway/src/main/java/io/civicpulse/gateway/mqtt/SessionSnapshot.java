// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import java.util.List;

/**
 * What of a session survives a gateway restart.
 *
 * @param clientId       the client id
 * @param expirySeconds  session expiry interval in seconds
 * @param disconnectedAt epoch milliseconds of the last disconnect (expiry counts from here), or {@link #ONLINE}
 * @param lastPacketId   the last packet id used towards the client
 * @param subscriptions  its subscriptions
 * @param pending        messages in flight (with packet id) and queued (packet id 0), oldest first
 * @param will           its will, or null
 */
record SessionSnapshot(String clientId, long expirySeconds, long disconnectedAt, int lastPacketId,
                       List<Subscription> subscriptions, List<Pending> pending, Will will) {
    /**
     * {@code disconnectedAt} of a session that was connected when the snapshot was written: if the gateway then
     * stops without closing the connection (a crash), the disconnect happened at some unknown moment before the
     * restart, which counts as the disconnect time.
     */
    static final long ONLINE = -1;

    /**
     * One outgoing message.
     *
     * @param packetId its packet id, or 0 when it is still queued
     * @param released PUBREC received, PUBREL sent
     * @param delivery the delivery
     */
    record Pending(int packetId, boolean released, Delivery delivery) {
    }
}
