// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
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
final class PahoV3Connection extends PahoConnection {

    private final MqttAsyncClient client;

    PahoV3Connection(final ConnectionSettings settings, final ConnectionListener listener,
                     final ScheduledExecutorService pingScheduler) throws MqttException {
        super(settings);
        // Keep-alive pings run on the shared scheduler instead of one Timer thread per device.
        this.client = new MqttAsyncClient(settings.endpoint().serverUri(), settings.clientId(),
                new MemoryPersistence(), new ScheduledExecutorPingSender(pingScheduler));
        this.client.setCallback(new StateCallback(listener));
    }

    @Override
    void startConnect(final CompletableFuture<Void> connected) throws MqttException {
        client.connect(options(), null,
                new Action(token -> connected.complete(null), connected::completeExceptionally));
    }

    private MqttConnectOptions options() {
        final ConnectionSettings settings = settings();
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
        if (settings.will() != null) {
            options.setWill(settings.will().topic(), settings.will().payload(), settings.will().qos(), false);
        }
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
    void startPublish(final String topic, final byte[] payload, final int qos, final PublishListener listener)
            throws MqttException {
        client.publish(topic, payload, qos, false, null, new Action(token -> listener.acked(), listener::failed));
    }

    @Override
    void disconnect(final long quiesceMillis, final long waitMillis) throws MqttException {
        client.disconnect(quiesceMillis).waitForCompletion(waitMillis);
    }

    @Override
    void release() throws MqttException {
        client.close(true);
    }

    /** One asynchronous action's outcome, as two callbacks. */
    private record Action(Consumer<IMqttToken> success, Consumer<Throwable> failure) implements IMqttActionListener {
        @Override
        public void onSuccess(final IMqttToken token) {
            success.accept(token);
        }

        @Override
        public void onFailure(final IMqttToken token, final Throwable error) {
            failure.accept(error);
        }
    }

    /** Forwards Paho's state callbacks; telemetry devices subscribe to nothing. */
    private record StateCallback(ConnectionListener listener) implements MqttCallbackExtended {
        @Override
        public void connectionLost(final Throwable cause) {
            listener.connectionLost(MqttErrors.describe(cause));
        }

        @Override
        public void connectComplete(final boolean reconnect, final String serverUri) {
            listener.connected(reconnect);
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            // No subscriptions.
        }

        @Override
        public void deliveryComplete(final IMqttDeliveryToken token) {
            // Outcomes arrive through each publish's own listener.
        }
    }
}
