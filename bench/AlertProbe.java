// SPDX-License-Identifier: Apache-2.0

import io.civicpulse.simulators.device.DeviceType;
import io.civicpulse.simulators.device.TelemetryPayload;
import io.civicpulse.simulators.registry.DeviceSecrets;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Anomaly reading to crew alert, end to end over MQTT: a crew account subscribes to its body's alert topic
 * {@code cp/{community}/alerts/{body}}; then, one at a time, a waste bin that has not reported yet publishes a
 * reading of 85 °C (WB-03 bin fire raises at once at or above rules.bin.fireCelsius, 70 by default) and the probe
 * waits for the alert naming that bin. Latency = alert received - reading's send time ("ts"), both on this host's
 * clock. A fresh bin per probe, so no probe meets an open issue or the flapping gate of an earlier one.
 *
 * <p>{@code java -cp civicpulse-simulators.jar:CLASSES AlertProbe tcp://127.0.0.1:PORT COMMUNITY SEED CREW_USER
 * CREW_PASSWORD BODY PROBES INTERVAL_MS TIMEOUT_MS}; bins bin-001..bin-PROBES must be registered with SEED's
 * secrets. Prints one JSON object.
 */
public final class AlertProbe {
    private static final Pattern DEVICE = Pattern.compile("\"deviceId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern CATEGORY = Pattern.compile("\"category\"\\s*:\\s*\"([^\"]+)\"");
    private static final double FIRE_CELSIUS = 85.0;

    private AlertProbe() {
    }

    public static void main(final String[] args) throws Exception {
        final String url = args[0];
        final String community = args[1];
        final long seed = Long.parseLong(args[2]);
        final String body = args[5];
        final int probes = Integer.parseInt(args[6]);
        final long intervalMillis = Long.parseLong(args[7]);
        final long timeoutMillis = Long.parseLong(args[8]);
        final Map<String, CompletableFuture<Long>> alerts = new ConcurrentHashMap<>();
        final MqttAsyncClient crew = client(url, "bench-crew-" + ProcessHandle.current().pid());
        crew.setCallback(new Callback() {
            @Override
            public void messageArrived(final String topic, final MqttMessage message) {
                final long now = System.currentTimeMillis();
                final String json = new String(message.getPayload(), StandardCharsets.UTF_8);
                final Matcher device = DEVICE.matcher(json);
                final Matcher category = CATEGORY.matcher(json);
                if (device.find() && category.find() && "WB-03".equals(category.group(1))) {
                    alerts.computeIfAbsent(device.group(1), d -> new CompletableFuture<>()).complete(now);
                }
            }
        });
        crew.connect(options(args[3], args[4])).waitForCompletion(10_000);
        final String filter = "cp/" + community + "/alerts/" + body;
        // The array form: Paho 1.2.5's single-subscription overload recurses forever.
        final IMqttToken granted = crew.subscribe(new MqttSubscription[] {new MqttSubscription(filter, 1)});
        granted.waitForCompletion(10_000);
        if (granted.getReasonCodes()[0] > 1) {
            throw new IllegalStateException("subscription to " + filter + " refused: 0x"
                    + Integer.toHexString(granted.getReasonCodes()[0]));
        }
        final List<Long> latencies = new ArrayList<>();
        final List<Long> acks = new ArrayList<>();
        int timeouts = 0;
        for (int n = 1; n <= probes; n++) {
            final String id = DeviceType.BIN.deviceId(n, probes);
            final MqttAsyncClient bin = client(url, id);
            bin.setCallback(new Callback());
            bin.connect(options(id, DeviceSecrets.secret(seed, id))).waitForCompletion(10_000);
            final CompletableFuture<Long> alert = alerts.computeIfAbsent(id, d -> new CompletableFuture<>());
            final Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("temperature_c", FIRE_CELSIUS);
            metrics.put("fill_pct", 10.0);
            final long sent = System.currentTimeMillis();
            final MqttMessage reading = new MqttMessage(TelemetryPayload.bytes(sent, 0, metrics));
            reading.setQos(1);
            bin.publish(DeviceType.BIN.telemetryTopic(community, id), reading).waitForCompletion(timeoutMillis);
            acks.add(System.currentTimeMillis() - sent);
            try {
                latencies.add(alert.get(timeoutMillis, TimeUnit.MILLISECONDS) - sent);
            } catch (final TimeoutException e) {
                timeouts++;
            }
            bin.disconnect().waitForCompletion(5_000);
            bin.close();
            Thread.sleep(intervalMillis);
        }
        crew.disconnect().waitForCompletion(5_000);
        crew.close();
        System.out.println("{\"probes\":" + probes + ",\"alerts\":" + latencies.size() + ",\"timeouts\":" + timeouts
                + ",\"anomalyToAlertP50Ms\":" + percentile(latencies, 50) + ",\"anomalyToAlertP99Ms\":"
                + percentile(latencies, 99) + ",\"anomalyToAlertMaxMs\":" + percentile(latencies, 100)
                + ",\"probePubAckP50Ms\":" + percentile(acks, 50) + ",\"latenciesMs\":" + latencies + "}");
        System.exit(0);
    }

    private static String percentile(final List<Long> values, final int p) {
        if (values.isEmpty()) {
            return "null";
        }
        final long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return Long.toString(sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)]);
    }

    private static MqttAsyncClient client(final String url, final String id) throws MqttException {
        return new MqttAsyncClient(url, id, new MemoryPersistence());
    }

    private static MqttConnectionOptions options(final String user, final String password) {
        final MqttConnectionOptions o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setUserName(user);
        o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        return o;
    }

    /** Ignores everything but arriving messages, which subclasses handle. */
    private static class Callback implements MqttCallback {
        @Override
        public void messageArrived(final String topic, final MqttMessage message) {
        }

        @Override
        public void disconnected(final MqttDisconnectResponse r) {
            System.err.println("probe: disconnected: " + r);
        }

        @Override
        public void mqttErrorOccurred(final MqttException e) {
            System.err.println("probe: error: " + e);
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
    }
}
