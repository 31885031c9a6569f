// SPDX-License-Identifier: Apache-2.0

import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The bench's receiving end for the peers (Mosquitto, Node-RED; CivicPulse is counted in its store, see store.py):
 * subscribes to every telemetry topic, counts what arrives and records send→delivered
 * latency from the reading's "ts" field, until the file named by the second argument appears; then prints JSON.
 * bench/run compiles it against the simulators jar (which holds Paho) and runs
 * {@code java -cp civicpulse-simulators.jar:CLASSES Subscriber tcp://127.0.0.1:PORT STOPFILE FILTER [user pass]}.
 */
public final class Subscriber {
    private static final Pattern TS = Pattern.compile("\"ts\"\\s*:\\s*(\\d+)");
    private static final int MAX_SAMPLES = 2_000_000;

    private Subscriber() {
    }

    public static void main(final String[] args) throws Exception {
        final AtomicLong count = new AtomicLong();
        final AtomicLong firstSend = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong lastArrival = new AtomicLong();
        final long[] latencies = new long[MAX_SAMPLES];
        final MqttAsyncClient client = new MqttAsyncClient(args[0], "bench-sub-" + ProcessHandle.current().pid(),
                new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(final String topic, final MqttMessage message) {
                final long now = System.currentTimeMillis();
                final Matcher m = TS.matcher(new String(message.getPayload(), StandardCharsets.UTF_8));
                final long n = count.getAndIncrement();
                lastArrival.set(now);
                if (m.find()) {
                    final long sent = Long.parseLong(m.group(1));
                    firstSend.accumulateAndGet(sent, Math::min);
                    if (n < MAX_SAMPLES) {
                        latencies[(int) n] = now - sent;
                    }
                }
            }

            @Override
            public void disconnected(final MqttDisconnectResponse r) {
                System.err.println("subscriber disconnected: " + r);
            }

            @Override
            public void mqttErrorOccurred(final MqttException e) {
                System.err.println("subscriber error: " + e);
            }

            @Override
            public void deliveryComplete(final IMqttToken t) {
            }

            @Override
            public void connectComplete(final boolean reconnect, final String uri) {
            }

            @Override
            public void authPacketArrived(final int code, final MqttProperties p) {
            }
        });
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setReceiveMaximum(32_767);
        if (args.length > 4) {
            o.setUserName(args[3]);
            o.setPassword(args[4].getBytes(StandardCharsets.UTF_8));
        }
        client.connect(o).waitForCompletion(10_000);
        // The array form: Paho 1.2.5's single-subscription overload recurses forever.
        client.subscribe(new MqttSubscription[] {new MqttSubscription(args[2], 0)}).waitForCompletion(10_000);
        System.err.println("subscriber ready");
        final Path stop = Path.of(args[1]);
        while (!Files.exists(stop)) {
            Thread.sleep(100);
        }
        final long n = Math.min(count.get(), MAX_SAMPLES);
        final long[] sorted = Arrays.copyOf(latencies, (int) n);
        Arrays.sort(sorted);
        System.out.printf("{\"delivered\":%d,\"sendToDeliveredP50Ms\":%s,\"sendToDeliveredP99Ms\":%s,"
                + "\"firstSendMs\":%s,\"lastDeliveredMs\":%s}%n", count.get(),
                n == 0 ? "null" : sorted[(int) (n / 2)], n == 0 ? "null" : sorted[(int) Math.min(n - 1, n * 99 / 100)],
                n == 0 ? "null" : firstSend.get(), n == 0 ? "null" : lastArrival.get());
        client.disconnectForcibly(0, 1000, false);
        client.close(true);
        System.exit(0);
    }
}
