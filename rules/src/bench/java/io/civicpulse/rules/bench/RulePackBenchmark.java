// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.bench;

import io.civicpulse.rules.engine.ClockSource;
import io.civicpulse.rules.engine.RuleEngine;
import io.civicpulse.rules.engine.RuleParameters;
import io.civicpulse.rules.engine.RuleSession;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One lane (one session, one thread) running the whole default pack: 1,000 registered devices (600 streetlights,
 * 300 bins, 100 gates) sending realistic mixed readings in batches of {@link #BATCH}, with the clock moved like the
 * gateway does (EXTERNAL, advanced per batch). {@code lane} measures readings per second; {@code ruleToVerdict}
 * measures the time from handing a bin-fire reading to the session until its listener holds the RAISED verdict.
 */
@State(Scope.Thread)
public class RulePackBenchmark {
    /** Readings per process() call. */
    static final int BATCH = 100;
    private static final int DEVICES = 1_000;
    private static final long T0 = 1_795_777_200_000L;

    private RuleSession session;
    private final List<Anomaly> verdicts = new ArrayList<>();
    private List<List<Reading>> batches;
    private int next;
    private long clock = T0;
    private long fireSeq;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        final RuleEngine engine = RuleEngine.build(List.of());
        session = engine.openSession(RuleParameters.defaults(), verdicts::add, T0, ClockSource.EXTERNAL);
        for (int d = 0; d < DEVICES; d++) {
            session.register(new DeviceProfile("c1", type(d), "dev-" + d, 10_000L));
        }
        batches = new ArrayList<>();
        for (int b = 0; b < 1_000; b++) {
            final List<Reading> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                final int d = (b * BATCH + i) % DEVICES;
                batch.add(new Reading("c1", type(d), "dev-" + d, 0, b, metrics(d, b)));
            }
            batches.add(batch);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    /** Readings per second through one lane's session (the op is one reading). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public void lane(final Blackhole sink) {
        clock += 100;
        session.advanceTo(clock);
        final List<Reading> template = batches.get(next++ % batches.size());
        final List<Reading> batch = new ArrayList<>(BATCH);
        for (final Reading r : template) {
            // Received now, as the gateway stamps it, so the clock-drift rules (DV-03) run as in production.
            batch.add(new Reading(r.getCommunity(), r.getDeviceType(), r.getDeviceId(), clock, r.getSequence(),
                    r.getMetrics(), clock));
        }
        session.process(batch);
        sink.consume(verdicts.size());
        verdicts.clear();
    }

    /** From a bin-fire reading entering the session to its RAISED verdict in the listener (then cleared again). */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Anomaly ruleToVerdict() {
        clock += 100;
        final String bin = "dev-" + (600 + (int) (fireSeq++ % 300));
        session.process(List.of(new Reading("c1", "bin", bin, clock, fireSeq, Map.of("temperature_c", 90.0))));
        final Anomaly raised = verdicts.isEmpty() ? null : verdicts.get(verdicts.size() - 1);
        verdicts.clear();
        // Cool it down again so the next sample of this bin raises anew.
        session.process(List.of(new Reading("c1", "bin", bin, clock, fireSeq, Map.of("temperature_c", 20.0))));
        verdicts.clear();
        return raised;
    }

    private static String type(final int d) {
        return d < 600 ? "streetlight" : d < 900 ? "bin" : "gate";
    }

    private static Map<String, Double> metrics(final int d, final int b) {
        if (d < 600) {
            // Every 50th lamp dark, the rest lit; some leakage noise.
            return Map.of("lamp_current_a", d % 50 == 0 ? 0.0 : 0.42, "voltage_v", 229.0, "leakage_ma", 2.0,
                    "battery_pct", 80.0);
        }
        if (d < 900) {
            return Map.of("fill_pct", (double) ((d * 7 + b) % 100), "temperature_c", 21.0, "tilt_deg", 2.0,
                    "battery_pct", 64.0);
        }
        return Map.of("door_open", b % 10 == 0 ? 1.0 : 0.0, "mains_ok", 1.0, "battery_pct", 90.0);
    }
}
