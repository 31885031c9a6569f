// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.reliability;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.civicpulse.gateway.reliability.RawPackets.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the frame guard, netty-codec-mqtt's decoder and the connection handler in process: random bytes, and
 * valid packet sequences with random mutations, before and after an accepted CONNECT. Nothing may escape the
 * handlers, and every buffer is released (surefire runs with paranoid leak detection). Tries per property:
 * {@code jqwik.tries.default} (400 in the default build, 200,000 with {@code -Pfuzz}). The structural findings
 * (lengths past the packet, duplicated properties, ...) are cases of {@link MalformedPacketCorpus}.
 */
class MqttFuzzTest {
    private static FuzzPipeline pipeline;

    @BeforeContainer
    static void start() throws Exception {
        pipeline = new FuzzPipeline();
    }

    @AfterContainer
    static void stop() throws Exception {
        pipeline.close();
    }

    @Property
    void randomBytes_beforeConnect_nothingEscapes(@ForAll("chunks") final List<byte[]> chunks) {
        feed(pipeline.channel(), chunks, false);
    }

    @Property
    void mutatedPackets_beforeConnect_nothingEscapes(@ForAll("mutatedSessions") final List<byte[]> chunks) {
        feed(pipeline.channel(), chunks, false);
    }

    @Property
    void mutatedPackets_afterConnect_nothingEscapes(@ForAll("mutatedSessions") final List<byte[]> chunks) {
        feed(pipeline.channel(), chunks, true);
    }

    private static void feed(final EmbeddedChannel ch, final List<byte[]> chunks, final boolean connectFirst) {
        try {
            if (connectFirst) {
                ch.writeInbound(Unpooled.wrappedBuffer(RawPackets.connect(RawPackets.V5, FuzzPipeline.DEVICE,
                        FuzzPipeline.DEVICE, FuzzPipeline.SECRET, 0)));
                awaitConnAck(ch);
            }
            for (final byte[] chunk : chunks) {
                if (!ch.isOpen()) {
                    break;
                }
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
                ch.runPendingTasks();
                ch.checkException();
            }
            ch.runPendingTasks();
            ch.checkException();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void awaitConnAck(final EmbeddedChannel ch) {
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            ch.runPendingTasks();
            final Object out = ch.readOutbound();
            if (out != null) {
                final ByteBuf connAck = (ByteBuf) out;
                try {
                    assertThat(connAck.getUnsignedByte(0)).as("CONNACK").isEqualTo((short) 0x20);
                    assertThat(connAck.getUnsignedByte(3)).as("CONNACK reason").isZero();
                } finally {
                    connAck.release();
                }
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no CONNACK within 5 s");
    }

    @Provide
    Arbitrary<List<byte[]>> chunks() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300).list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<List<byte[]>> mutatedSessions() {
        final Arbitrary<byte[]> packet = Arbitraries.of(validPackets()).flatMap(MqttFuzzTest::mutated);
        return packet.list().ofMinSize(1).ofMaxSize(6);
    }

    /** A packet with up to three mutations: a byte replaced, bytes cut off the end, or random bytes inserted. */
    private static Arbitrary<byte[]> mutated(final byte[] original) {
        final Arbitrary<Integer> position = Arbitraries.integers().between(0, original.length - 1);
        final Arbitrary<byte[]> mutation = Combinators.combine(Arbitraries.integers().between(0, 3), position,
                Arbitraries.bytes(), Arbitraries.bytes().array(byte[].class).ofMaxSize(8)).as((kind, at, b, extra) -> {
                    final byte[] copy = original.clone();
                    return switch (kind) {
                        case 0 -> copy;
                        case 1 -> {
                            copy[at] = b;
                            yield copy;
                        }
                        case 2 -> java.util.Arrays.copyOf(copy, at);
                        default -> RawPackets.concat(java.util.Arrays.copyOf(copy, at), extra,
                                java.util.Arrays.copyOfRange(copy, at, copy.length));
                    };
                });
        return mutation;
    }

    private static List<byte[]> validPackets() {
        final String topic = "cp/lakeside/bin/" + FuzzPipeline.DEVICE + "/telemetry";
        final byte[] reading = ("{\"ts\": " + System.currentTimeMillis() + ", \"seq\": 1, \"metrics\": "
                + "{\"fill_pct\": 42.0}}").getBytes(StandardCharsets.UTF_8);
        return List.of(
                RawPackets.connect(RawPackets.V5, FuzzPipeline.DEVICE, FuzzPipeline.DEVICE, FuzzPipeline.SECRET, 30,
                        bytes().u8(0x11).u32(60).u8(0x21).u16(10)),
                RawPackets.connect(RawPackets.V311, FuzzPipeline.DEVICE, FuzzPipeline.DEVICE, FuzzPipeline.SECRET, 30),
                RawPackets.publish(RawPackets.V5, 1, topic, 7, bytes().u8(0x01, 1).u8(0x23).u16(1), reading),
                RawPackets.publish(RawPackets.V5, 2, topic, 8, bytes().u8(0x02).u32(60), reading),
                RawPackets.publish(RawPackets.V5, 0, "", 0, bytes().u8(0x23).u16(1), reading),
                RawPackets.subscribe(RawPackets.V5, 9, "cp/lakeside/bin/" + FuzzPipeline.DEVICE + "/cmd", 0x2D),
                RawPackets.packet(0xA2, bytes().u16(10).u8(0).str("cp/+/x")),
                new byte[] {0x62, 0x02, 0x00, 0x08},
                new byte[] {0x40, 0x03, 0x00, 0x01, 0x00},
                RawPackets.pingReq(),
                new byte[] {(byte) 0xE0, 0x02, 0x04, 0x00});
    }
}
