// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Line-protocol encoding per reading, in batches of 1,000 as the writer sends them. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LineProtocolBenchmark {
    private static final int BATCH = 1_000;

    private List<Reading> batch;

    @Setup
    public void setUp() {
        batch = new ArrayList<>(BATCH);
        final long now = System.currentTimeMillis();
        for (int i = 0; i < BATCH; i++) {
            batch.add(new Reading("lakeside", "bin", "bin-" + (i % 100), now + i, i,
                    Map.of("fill_pct", 40.0 + i % 50, "temperature_c", 21.5, "battery_v", 3.6)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public String encodePerReading() {
        return LineProtocol.encode(batch, DeviceTags.NONE);
    }
}
