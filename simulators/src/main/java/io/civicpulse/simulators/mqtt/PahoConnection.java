// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What the Paho v5 and v3 connections share: the settings, the asynchronous connect and publish plumbing
 * and the clean close. Subclasses are thin adapters that only speak their Paho client's API.
 *
 * <p>Both Paho clients declare their own checked {@code MqttException}; the hooks below may throw it (or
 * any runtime exception), and this class turns it into the outcome the {@link DeviceConnection} contract
 * promises instead of throwing.
 */
abstract class PahoConnection implements DeviceConnection {

    private final ConnectionSettings settings;

    PahoConnection(final ConnectionSettings settings) {
        this.settings = settings;
    }

    /** How this device connects. */
    final ConnectionSettings settings() {
        return settings;
    }

    @Override
    public final String clientId() {
        return settings.clientId();
    }

    @Override
    public final CompletableFuture<Void> connect() {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        try {
            startConnect(connected);
        } catch (final Exception e) {
            connected.completeExceptionally(e);
        }
        return connected;
    }

    @Override
    public final void publish(final String topic, final byte[] payload, final int qos,
                              final PublishListener listener) {
        try {
            startPublish(topic, payload, qos, listener);
        } catch (final Exception e) {
            listener.failed(e);
        }
    }

    @Override
    public final void close(final Duration timeout) {
        final long millis = Math.max(1, timeout.toMillis());
        try {
            if (isConnected()) {
                // Quiesce for half the time (in-flight acks may still arrive), then the DISCONNECT itself.
                disconnect(millis / 2, millis);
            }
        } catch (final Exception ignored) {
            // Closing anyway: a device that cannot say goodbye is simply gone.
        }
        try {
            release();
        } catch (final Exception ignored) {
            // Already closed, or Paho still busy; nothing more to release.
        }
    }

    /**
     * Starts Paho's connect (clean session, automatic reconnect backing off up to
     * {@link ConnectionSettings#MAX_RECONNECT_DELAY_SECONDS}); completes {@code connected} when the CONNACK
     * accepted the connection, or exceptionally with the refusal.
     */
    abstract void startConnect(CompletableFuture<Void> connected) throws Exception;

    /** Hands the publish to Paho; {@code listener} hears the outcome exactly once. */
    abstract void startPublish(String topic, byte[] payload, int qos, PublishListener listener) throws Exception;

    /** Sends DISCONNECT after quiescing up to {@code quiesceMillis}, waiting up to {@code waitMillis} for it. */
    abstract void disconnect(long quiesceMillis, long waitMillis) throws Exception;

    /** Releases the Paho client for good. */
    abstract void release() throws Exception;
}
