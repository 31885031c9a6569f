// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The plumbing both Paho adapters inherit, driven through a fake client: nothing here connects anywhere. */
class PahoConnectionTest {

    private static final ConnectionSettings SETTINGS = new ConnectionSettings(MqttEndpoint.DEFAULT, "sl-001",
            "secret", ConnectionSettings.DEFAULT_KEEP_ALIVE_SECONDS, 10);

    @Test
    void connect_hookThrows_futureFailsInsteadOfThrowing() {
        final FakeConnection connection = new FakeConnection();
        connection.failure = new Exception("refused");

        final CompletableFuture<Void> connected = connection.connect();

        assertThat(connected).isCompletedExceptionally();
        assertThat(connected.handle((ignored, error) -> error).join()).hasMessage("refused");
        assertThat(connection.clientId()).isEqualTo("sl-001");
    }

    @Test
    void connect_hookCompletes_futureCompletes() {
        final FakeConnection connection = new FakeConnection();

        assertThat(connection.connect()).isCompleted();
        assertThat(connection.calls).containsExactly("connect");
    }

    @Test
    void publish_hookThrows_listenerHearsFailure() {
        final FakeConnection connection = new FakeConnection();
        connection.failure = new IllegalStateException("too many publishes in progress");
        final RecordingListener listener = new RecordingListener();

        connection.publish("t", new byte[0], 1, listener);

        assertThat(listener.outcomes).containsExactly("failed: too many publishes in progress");
    }

    @Test
    void close_connected_disconnectsWithHalfTheTimeToQuiesceThenReleases() {
        final FakeConnection connection = new FakeConnection();
        connection.connected = true;

        connection.close(Duration.ofMillis(1000));

        assertThat(connection.calls).containsExactly("disconnect 500/1000", "release");
    }

    @Test
    void close_disconnectFails_stillReleasesAndNeverThrows() {
        final FakeConnection connection = new FakeConnection();
        connection.connected = true;
        connection.failure = new Exception("gone");

        connection.close(Duration.ZERO);

        assertThat(connection.calls).containsExactly("disconnect 0/1", "release");
    }

    @Test
    void close_notConnected_onlyReleases() {
        final FakeConnection connection = new FakeConnection();

        connection.close(Duration.ofSeconds(1));

        assertThat(connection.calls).containsExactly("release");
    }

    private static final class FakeConnection extends PahoConnection {
        private final List<String> calls = new ArrayList<>();
        private Exception failure;
        private boolean connected;

        FakeConnection() {
            super(SETTINGS);
        }

        @Override
        void startConnect(final CompletableFuture<Void> future) throws Exception {
            calls.add("connect");
            failIfAsked();
            future.complete(null);
        }

        @Override
        void startPublish(final String topic, final byte[] payload, final int qos, final PublishListener listener)
                throws Exception {
            failIfAsked();
            listener.acked();
        }

        @Override
        void disconnect(final long quiesceMillis, final long waitMillis) throws Exception {
            calls.add("disconnect " + quiesceMillis + "/" + waitMillis);
            failIfAsked();
        }

        @Override
        void release() throws Exception {
            calls.add("release");
            failIfAsked();
        }

        @Override
        public boolean isConnected() {
            return connected;
        }

        @Override
        public int serverReceiveMaximum() {
            return 0;
        }

        private void failIfAsked() throws Exception {
            if (failure != null) {
                throw failure;
            }
        }
    }

    private static final class RecordingListener implements PublishListener {
        private final List<String> outcomes = new ArrayList<>();

        @Override
        public void acked() {
            outcomes.add("acked");
        }

        @Override
        public void rejected(final int reasonCode) {
            outcomes.add("rejected " + reasonCode);
        }

        @Override
        public void failed(final Throwable cause) {
            outcomes.add("failed: " + cause.getMessage());
        }
    }
}
