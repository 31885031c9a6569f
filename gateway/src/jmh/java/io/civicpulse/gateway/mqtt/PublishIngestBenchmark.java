// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.mqtt;

import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.ingest.TelemetryTopic;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Per message, the CPU work in front of the lanes: frame guard and netty-codec-mqtt decode of one QoS 1 PUBLISH
 * (~100-byte reading), topic parse and the per-message authorization of the connected device (its own telemetry
 * topic; the status-topic ACL answers no), and the native JSON payload decode.
 * Issue 9's goal: under 1.5 µs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PublishIngestBenchmark {
    private static final String TOPIC = "cp/lakeside/streetlight/sl-001/telemetry";

    private EmbeddedChannel channel;
    private byte[] wire;
    private AccessControl acl;
    private Device device;
    private ClientIdentity identity;
    private NativeJsonPayloadDecoder payloads;

    @Setup
    public void setUp() {
        final byte[] reading = ("{\"ts\": " + System.currentTimeMillis() + ", \"seq\": 42, \"metrics\": "
                + "{\"lamp_on\": 1.0, \"power_w\": 38.5, \"lux\": 12.0}}").getBytes(StandardCharsets.UTF_8);
        final MqttPublishMessage publish = MqttMessageBuilders.publish().topicName(TOPIC).qos(MqttQoS.AT_LEAST_ONCE)
                .messageId(7).retained(false).payload(Unpooled.wrappedBuffer(reading)).build();
        final EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
        encoder.writeOutbound(publish);
        final ByteBuf encoded = encoder.readOutbound();
        wire = ByteBufUtil.getBytes(encoded);
        encoded.release();
        encoder.finishAndReleaseAll();
        channel = new EmbeddedChannel(new MqttFrameGuard(65_536), new MqttDecoder(65_536, 64));
        acl = new AccessControl(false);
        device = new Device("sl-001", "streetlight", "lakeside", "x", 10, 0, 0, "south", "seg-01");
        identity = new ClientIdentity.DeviceClient(device);
        payloads = new NativeJsonPayloadDecoder(300_000);
    }

    @TearDown
    public void tearDown() {
        channel.finishAndReleaseAll();
    }

    @Benchmark
    public Reading decodeAuthorizeParse() throws Exception {
        channel.writeInbound(Unpooled.wrappedBuffer(wire));
        final MqttPublishMessage m = channel.readInbound();
        try {
            final String topic = m.variableHeader().topicName();
            final TelemetryTopic parsed = TelemetryTopic.parse(topic);
            // A device publishes telemetry only on its own topic: what the ingest router checks per message.
            if (parsed == null || !parsed.deviceId().equals(device.id()) || !parsed.community().equals(
                    device.community()) || acl.mayPublish(identity, topic)) {
                throw new IllegalStateException("not this device's telemetry topic: " + topic);
            }
            final ByteBuf payload = m.payload();
            final byte[] bytes = new byte[payload.readableBytes()];
            payload.getBytes(payload.readerIndex(), bytes);
            return payloads.decode(parsed, bytes, 0, bytes.length, System.currentTimeMillis());
        } finally {
            m.release();
        }
    }
}
