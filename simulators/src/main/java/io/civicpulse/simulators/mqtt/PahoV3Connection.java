// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.ScheduledExecutorPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A device speaking MQTT 3.1.1 through Paho's {@code mqttv3} async client.
 *
 * <p>3.1.1 has no negative acknowledgement: a publish the gateway refuses is still acknowledged (or
 * dropped), so this connection never reports {@link PublishListener#rejected}. Paho refuses a QoS 1
 * publish beyond {@code maxInflight} (default 10), so it is set from {@link ConnectionSettings#maxInflight()}.
 */
final class PahoV3Connection implements DeviceConnection {

    private final ConnectionSettings settings;
    private final MqttAsyncClient client;

    PahoV3Connection(final ConnectionSettings settings, final ConnectionListener listener,
                     final ScheduledExecutorService pingScheduler) throws MqttException {
        this.settings = settings;
        // Keep-alive pings run on the shared scheduler instead of one Timer thread per device.
        this.client = new MqttAsyncClient(settings.endpoint().serverUri(), settings.clientId(),
                new MemoryPersistence(), new ScheduledExecutorPingSender(pingScheduler));
        this.client.setCallback(new StateCallback(listener));
    }

    @Override
    public String clientId() {
        return settings.clientId();
    }

    @Override
    public CompletableFuture<Void> connect() {
        final CompletableFuture<Void> connected = new CompletableFuture<>();
        try {
            client.connect(options(), null, new IMqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
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

    private MqttConnectOptions options() {
        final MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(settings.username());
        options.setPassword(settings.password().toCharArray());
        options.setCleanSession(true);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(ConnectionSettings.CONNECTION_TIMEOUT_SECONDS);
        options.setMaxInflight(settings.maxInflight());
        options.setAutomaticReconnect(true);
        options.setMaxReconnectDelay(ConnectionSettings.MAX_RECONNECT_DELAY_SECONDS * 1000);
        return options;
    }

    @Override
    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public int serverReceiveMaximum() {
        return 0;
    }

    @Override
    public void publish(final String topic, final byte[] payload, final int qos, final PublishListener listener) {
        try {
            client.publish(topic, payload, qos, false, null, new IMqttActionListener() {
                @Override
                public void onSuccess(final IMqttToken token) {
                    listener.acked();
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
    private static final class StateCallback implements MqttCallbackExtended {
        private final ConnectionListener listener;

        StateCallback(final ConnectionListener listener) {
            this.listener = listener;
        }

        @Override
        public void connectionLost(final Throwable cause) {
            listener.connectionLost(MqttErrors.describe(cause));
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            // No subscriptions.
        }

        @Override
        public void deliveryComplete(final IMqttDeliveryToken token) {
            // Outcomes arrive through each publish's own listener.
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverUri) {
            listener.connected(reconnect);
        }
    }
}
