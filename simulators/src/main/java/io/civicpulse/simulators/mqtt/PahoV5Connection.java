// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.TimerPingSender;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A device speaking MQTT 5 through Paho's {@code mqttv5} async client.
 *
 * <p>Paho 1.2.5 limits its QoS 1 in-flight count to the server's Receive Maximum and reads that
 * property as a signed short (a server announcing 65535 breaks it), so callers read
 * {@link #serverReceiveMaximum()} and keep their own window below it rather than relying on the default.
 */
final class PahoV5Connection implements DeviceConnection {

    /** PUBACK reason codes from 0x80 on are refusals (MQTT 5 §3.4.2.1). */
    private static final int FIRST_FAILURE_REASON = 0x80;

    private final ConnectionSettings settings;
    private final MqttAsyncClient client;
    private volatile int serverReceiveMaximum;

    PahoV5Connection(final ConnectionSettings settings, final ConnectionListener listener,
                     final ScheduledExecutorService pingScheduler) throws MqttException {
        this.settings = settings;
        // Keep-alive pings run on the shared scheduler instead of one Timer thread per device.
        this.client = new MqttAsyncClient(settings.endpoint().serverUri(), settings.clientId(),
                new MemoryPersistence(), new TimerPingSender(pingScheduler), null);
        this.client.setCallback(new StateCallback(listener, client));
    }

    @Override
    public String clientId() {
        return settings.clientId();
    }

    @Override
    public CompletableFuture<Void> connect() {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    final MqttProperties properties = token.getResponseProperties();
                    final Integer receiveMaximum = properties == null ? null : properties.getReceiveMaximum();
                    serverReceiveMaximum = receiveMaximum == null || receiveMaximum < 0 ? 0 : receiveMaximum;
                    connected.complete(null);
                }

                @Override
                public void onFailure(final IMqttToken token, final Throwable error) {
                    connected.completeExceptionally(error);
                }
            });
        } catch (final MqttException | RuntimeException e) {
            connected.completeExceptionally(e);
        }
        return connected;
    }

    private MqttConnectionOptions options() {
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(settings.username());
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(ConnectionSettings.CONNECTION_TIMEOUT_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, ConnectionSettings.MAX_RECONNECT_DELAY_SECONDS);
        return options;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public int serverReceiveMaximum() {
        return serverReceiveMaximum;
    }

    @Override
    public void publish(final String topic, final byte[] payload, final int qos, final PublishListener listener) {
        try {
            client.publish(topic, payload, qos, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    final int reason = worstReason(token.getReasonCodes());
                    if (reason >= FIRST_FAILURE_REASON) {
                        listener.rejected(reason);
                    } else {
                        listener.acked();
                    }
                }

                @Override
                public void onFailure(final IMqttToken token, final Throwable error) {
                    listener.failed(error);
                }
            });
        } catch (final MqttException | RuntimeException e) {
            listener.failed(e);
        }
    }

    private static int worstReason(final int[] reasons) {
        int worst = 0;
        if (reasons != null) {
            for (final int reason : reasons) {
                worst = Math.max(worst, reason);
            }
        }
        return worst;
    }

    @Override
    public void close(final Duration timeout) {
        final long millis = Math.max(1, timeout.toMillis());
        try {
            if (client.isConnected()) {
                // Quiesce for half the time (in-flight acks may still arrive), then the DISCONNECT itself.
                client.disconnect(millis / 2).waitForCompletion(millis);
            }
        } catch (final MqttException | RuntimeException ignored) {
            // Closing anyway: a device that cannot say goodbye is simply gone.
        }
        try {
            client.close(true);
        } catch (final MqttException | RuntimeException ignored) {
            // Already closed, or Paho still busy; nothing more to release.
        }
    }

    /** Forwards Paho's state callbacks; telemetry devices subscribe to nothing. */
    private static final class StateCallback implements MqttCallback {
        private final ConnectionListener listener;
        private final MqttAsyncClient client;

        StateCallback(final ConnectionListener listener, final MqttAsyncClient client) {
            this.listener = listener;
            this.client = client;
        }

        @Override
        public void disconnected(final MqttDisconnectResponse response) {
            listener.connectionLost(response.getException() != null
                    ? MqttErrors.describe(response.getException())
                    : "server disconnected (" + response.getReturnCode() + " " + response.getReasonString() + ")");
        }

        @Override
        public void mqttErrorOccurred(final MqttException error) {
            // Paho reports protocol errors here too; only a dropped connection is a state change.
            if (!client.isConnected()) {
                listener.connectionLost(MqttErrors.describe(error));
            }
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            // No subscriptions.
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
            // Outcomes arrive through each publish's own listener.
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverUri) {
            listener.connected(reconnect);
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            // No enhanced authentication.
        }
    }
}
