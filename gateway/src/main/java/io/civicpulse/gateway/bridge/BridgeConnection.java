// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.bridge;

import io.micrometer.core.instrument.Counter;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection attempt of the bridge: its own Paho client (manual acknowledgements) and the {@link AckWindow} of
 * the messages it received. Never reused: packet identifiers belong to one connection, and Paho may still hand over
 * a message of a lost connection after reporting the loss, so a late message must never be acknowledged on a newer
 * connection, where the broker may have given its packet id to another message.
 *
 * <p>Thread-safe.
 */
final class BridgeConnection {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerBridge.class);
    private static final int QOS = 1;
    private static final long DISCONNECT_QUIESCE_MILLIS = 1_000;
    private static final long DISCONNECT_TIMEOUT_MILLIS = 5_000;

    private final MqttAsyncClient client;
    private final AckWindow window;
    private final Counter acks;
    private final Counter ackFailures;
    private final AtomicBoolean flowControlReported = new AtomicBoolean();
    private final AtomicBoolean ackFailureReported = new AtomicBoolean();

    /**
     * @param client      a new, unconnected client from {@link #newClient}
     * @param acks        counts acknowledgements sent
     * @param ackFailures counts acknowledgements Paho refused to send
     */
    BridgeConnection(final MqttAsyncClient client, final Counter acks, final Counter ackFailures) {
        this.client = client;
        this.acks = acks;
        this.ackFailures = ackFailures;
        this.window = new AckWindow(this::acknowledge);
    }

    /**
     * @param url      the broker
     * @param clientId the bridge's client id
     * @return a client that leaves acknowledging to the application
     * @throws MqttException            if Paho refuses the client id
     * @throws IllegalArgumentException if Paho cannot use the URL
     */
    static MqttAsyncClient newClient(final String url, final String clientId) throws MqttException {
        final MqttAsyncClient c = new MqttAsyncClient(url, clientId, new MemoryPersistence());
        c.setManualAcks(true);
        return c;
    }

    MqttAsyncClient client() {
        return client;
    }

    AckWindow window() {
        return window;
    }

    /** @return true the first time only: the broker's flow-control breach is reported once per connection */
    boolean firstFlowControlBreach() {
        return flowControlReported.compareAndSet(false, true);
    }

    /** Called by the window, under its lock, in arrival order. Only queues the PUBACK in Paho: never blocks. */
    private void acknowledge(final int messageId) {
        try {
            client.messageArrivedComplete(messageId, QOS);
            acks.increment();
        } catch (final MqttException | RuntimeException e) {
            ackFailures.increment();
            if (ackFailureReported.compareAndSet(false, true)) {
                LOG.warn("Bridge could not acknowledge message {} ({}); the broker will send it again, and it is "
                        + "stored twice (further failures on this connection are only counted)", messageId,
                        e.toString());
            }
        }
    }

    /** Normal DISCONNECT (0x00): the session and its expiry stay as set at CONNECT. Blocks up to 6 s. */
    void disconnect() {
        try {
            if (client.isConnected()) {
                client.disconnect(DISCONNECT_QUIESCE_MILLIS, null, null, 0, new MqttProperties())
                        .waitForCompletion(DISCONNECT_TIMEOUT_MILLIS);
            }
        } catch (final MqttException e) {
            LOG.debug("Bridge disconnect: {}", e.toString());
        }
    }

    /** Abandons the window and releases the client and its threads. Idempotent. */
    void retire() {
        window.abandon();
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, false);
            }
            client.close(true);
        } catch (final MqttException e) {
            LOG.debug("Bridge client of an ended connection not closed: {}", e.toString());
        }
    }
}
