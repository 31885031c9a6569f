// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import java.util.Locale;

/**
 * What a load run achieved.
 *
 * @param protocol {@code 5} or {@code 3.1.1}
 * @param qos 0 or 1
 * @param devices connections asked for
 * @param connected connections that came up
 * @param window most unacknowledged publishes per connection
 * @param targetRate asked-for publishes per second, 0 for unlimited
 * @param payloadBytes payload size sent
 * @param seconds time from the first publish until the last outstanding ack arrived (or gave up)
 * @param sent publishes handed to the client
 * @param acked QoS 1: successful PUBACKs; QoS 0: publishes written to the connection
 * @param rejected MQTT 5 PUBACKs with a failure reason code
 * @param errors publishes lost (connection dropped, client refused) plus failed connects and drops
 * @param messagesPerSecond {@code acked / seconds}
 * @param latencySamples latencies kept for the percentiles (QoS 1)
 * @param p50Millis median publish-to-ack latency, ms (QoS 1; 0 at QoS 0)
 * @param p95Millis 95th percentile, ms
 * @param p99Millis 99th percentile, ms
 * @param maxMillis largest, ms
 * @param profile the rate profile, e.g. {@code steady} or {@code burst:20000/5s/30s}
 */
public record LoadResult(String protocol, int qos, int devices, int connected, int window, double targetRate,
                         int payloadBytes, double seconds, long sent, long acked, long rejected, long errors,
                         double messagesPerSecond, long latencySamples, double p50Millis, double p95Millis,
                         double p99Millis, double maxMillis, String profile) {

    /** A small table for people. */
    public String table() {
        final StringBuilder out = new StringBuilder();
        row(out, "protocol / qos", "MQTT " + protocol + " / QoS " + qos);
        row(out, "connections", connected + " of " + devices + " (window " + window + ")");
        row(out, "target rate", (targetRate > 0 ? format("%.0f msg/s", targetRate) : "unlimited") + ", " + profile);
        row(out, "payload", payloadBytes + " bytes");
        row(out, "duration", format("%.1f s", seconds));
        row(out, "sent", Long.toString(sent));
        row(out, qos == 1 ? "acked" : "written", Long.toString(acked));
        row(out, "rejected", Long.toString(rejected));
        row(out, "errors", Long.toString(errors));
        row(out, qos == 1 ? "acked msg/s" : "sent msg/s", format("%.0f", messagesPerSecond));
        if (qos == 1) {
            row(out, "latency p50", format("%.2f ms", p50Millis));
            row(out, "latency p95", format("%.2f ms", p95Millis));
            row(out, "latency p99", format("%.2f ms", p99Millis));
            row(out, "latency max", format("%.2f ms", maxMillis));
        }
        return out.toString();
    }

    /** The result as one flat JSON object, for benchmark scripts. */
    public String json() {
        return "{\"protocol\":\"" + protocol + "\",\"qos\":" + qos + ",\"devices\":" + devices
                + ",\"connected\":" + connected + ",\"window\":" + window
                + ",\"targetRate\":" + number(targetRate) + ",\"payloadBytes\":" + payloadBytes
                + ",\"seconds\":" + number(seconds) + ",\"sent\":" + sent + ",\"acked\":" + acked
                + ",\"rejected\":" + rejected + ",\"errors\":" + errors
                + ",\"messagesPerSecond\":" + number(messagesPerSecond) + ",\"latencySamples\":" + latencySamples
                + ",\"p50Millis\":" + number(p50Millis) + ",\"p95Millis\":" + number(p95Millis)
                + ",\"p99Millis\":" + number(p99Millis) + ",\"maxMillis\":" + number(maxMillis)
                + ",\"profile\":\"" + profile + "\"}";
    }

    private static void row(final StringBuilder out, final String label, final String value) {
        out.append(format("  %-16s %s%n", label, value));
    }

    private static String number(final double value) {
        return format("%.3f", value);
    }

    private static String format(final String pattern, final Object... values) {
        return String.format(Locale.ROOT, pattern, values);
    }
}
