// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
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
final class PahoV5Connection extends PahoConnection {

    /** PUBACK reason codes from 0x80 on are refusals (MQTT 5 §3.4.2.1). */
    private static final int FIRST_FAILURE_REASON = 0x80;

    private final MqttAsyncClient client;
    private volatile int serverReceiveMaximum;

    PahoV5Connection(final ConnectionSettings settings, final ConnectionListener listener,
                     final ScheduledExecutorService pingScheduler) throws MqttException {
        super(settings);
        // Keep-alive pings run on the shared scheduler instead of one Timer thread per device.
        this.client = new MqttAsyncClient(settings.endpoint().serverUri(), settings.clientId(),
                new MemoryPersistence(), new TimerPingSender(pingScheduler), null);
        this.client.setCallback(new StateCallback(listener, client));
    }

    @Override
    void startConnect(final CompletableFuture<Void> connected) throws MqttException {
        client.connect(options(), null, new Action(token -> {
            final MqttProperties properties = token.getResponseProperties();
            final Integer receiveMaximum = properties == null ? null : properties.getReceiveMaximum();
            serverReceiveMaximum = receiveMaximum == null || receiveMaximum < 0 ? 0 : receiveMaximum;
            connected.complete(null);
        }, connected::completeExceptionally));
    }

    private MqttConnectionOptions options() {
        final ConnectionSettings settings = settings();
        final MqttConnectionOptions options = new MqttConnectionOptions();
        options.setUserName(settings.username());
        options.setPassword(settings.password().getBytes(StandardCharsets.UTF_8));
        options.setCleanStart(true);
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(ConnectionSettings.CONNECTION_TIMEOUT_SECONDS);
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, ConnectionSettings.MAX_RECONNECT_DELAY_SECONDS);
        if (settings.will() != null) {
            final MqttMessage will = new MqttMessage(settings.will().payload());
            will.setQos(settings.will().qos());
            options.setWill(settings.will().topic(), will);
        }
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
    void startPublish(final String topic, final byte[] payload, final int qos, final PublishListener listener)
            throws MqttException {
        client.publish(topic, payload, qos, false, null, new Action(token -> {
            final int reason = worstReason(token.getReasonCodes());
            if (reason >= FIRST_FAILURE_REASON) {
                listener.rejected(reason);
            } else {
                listener.acked();
            }
        }, listener::failed));
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
    void disconnect(final long quiesceMillis, final long waitMillis) throws MqttException {
        client.disconnect(quiesceMillis).waitForCompletion(waitMillis);
    }

    @Override
    void release() throws MqttException {
        client.close(true);
    }

    /** One asynchronous action's outcome, as two callbacks. */
    private record Action(Consumer<IMqttToken> success, Consumer<Throwable> failure) implements MqttActionListener {
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
    private record StateCallback(ConnectionListener listener, MqttAsyncClient client) implements MqttCallback {
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
        public void connectComplete(final boolean reconnect, final String serverUri) {
            listener.connected(reconnect);
        }

        @Override
        public void authPacketArrived(final int reasonCode, final MqttProperties properties) {
            // No enhanced authentication.
        }

        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
            // No subscriptions.
        }

        @Override
        public void deliveryComplete(final IMqttToken token) {
            // Outcomes arrive through each publish's own listener.
        }
    }
}
