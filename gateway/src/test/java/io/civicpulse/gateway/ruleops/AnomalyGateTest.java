// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ruleops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.gateway.ruleops.SuppressionLedger.Reason;
import io.civicpulse.gateway.silences.SilenceStore;
import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Roll-up, inhibition, flapping and silences between the rules and the issue store. */
class AnomalyGateTest {
    private static final Instant T0 = Instant.parse("2026-11-27T11:00:00Z");
    private static final long MINUTE = 60_000L;

    private final MovableClock clock = new MovableClock(T0);
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final Map<String, Device> registry = Map.of(
            "sl-1", lamp("sl-1", "seg-01"), "sl-2", lamp("sl-2", "seg-01"), "sl-3", lamp("sl-3", "seg-01"),
            "sl-4", lamp("sl-4", "seg-01"), "sl-9", lamp("sl-9", "seg-02"),
            "bin-1", new Device("bin-1", "bin", "c1", "x", 60, 30, 120, "north", ""));
    private final Function<String, Optional<Device>> lookup = id -> Optional.ofNullable(registry.get(id));
    private final SuppressionLedger ledger = new InMemorySuppressionLedger(100, new SimpleMeterRegistry());
    private final List<Anomaly> issues = new ArrayList<>();
    private SilenceStore silences = new SilenceStore(null, json, clock);
    private AnomalyGate gate = gate();

    @Test
    void accept_threeDarkLampsOnOneSegment_raiseOneSegmentIssueWithLampsLinked() {
        // when
        gate.accept(raised("sl-1", "SL-01", 0));
        gate.accept(raised("sl-2", "SL-01", 1));
        gate.accept(raised("sl-9", "SL-01", 2));
        gate.accept(raised("sl-3", "SL-01", 3));
        gate.accept(raised("sl-4", "SL-01", 4));

        // then: lamps 1-3 open their own SL-01; the segment gets one SL-02 naming them; lamp 4 is covered by it
        assertThat(issues).extracting(Anomaly::deviceId, Anomaly::category).containsExactly(
                tuple("sl-1", "SL-01"), tuple("sl-2", "SL-01"), tuple("sl-9", "SL-01"), tuple("sl-3", "SL-01"),
                tuple("seg-01", "SL-02"));
        assertThat(issues.get(4).detail()).isEqualTo("3 dark lamps on seg-01 (>= 3): sl-1, sl-2, sl-3");
        assertThat(issues.get(4).deviceType()).isEqualTo("segment");
        assertThat(ledger.query("sl-4", null, 10)).singleElement()
                .extracting(SuppressionLedger.Suppressed::reason, SuppressionLedger.Suppressed::ref)
                .containsExactly(Reason.INHIBITED_SEGMENT_OUTAGE, "SL-02 seg-01");
    }

    @Test
    void accept_lampsRelitBelowThreshold_clearsSegmentIssue() {
        // given
        gate.accept(raised("sl-1", "SL-01", 0));
        gate.accept(raised("sl-2", "SL-01", 1));
        gate.accept(raised("sl-3", "SL-01", 2));

        // when
        gate.accept(cleared("sl-2", "SL-01", 10));

        // then
        assertThat(issues).extracting(Anomaly::deviceId, Anomaly::status).endsWith(
                tuple("seg-01", AnomalyStatus.RAISED), tuple("sl-2", AnomalyStatus.CLEARED),
                tuple("seg-01", AnomalyStatus.CLEARED));
    }

    @Test
    void accept_silentDevice_inhibitsItsOtherAnomaliesAndTheirClears() {
        // given
        gate.accept(raised("bin-1", "DV-01", 0));

        // when
        gate.accept(raised("bin-1", "WB-01", 1));
        gate.accept(cleared("bin-1", "WB-01", 2));
        gate.accept(cleared("bin-1", "DV-01", 3));
        gate.accept(raised("bin-1", "WB-01", 4));

        // then
        assertThat(issues).extracting(Anomaly::category, Anomaly::status).containsExactly(
                tuple("DV-01", AnomalyStatus.RAISED), tuple("DV-01", AnomalyStatus.CLEARED),
                tuple("WB-01", AnomalyStatus.RAISED));
        assertThat(ledger.query("bin-1", null, 10)).extracting(SuppressionLedger.Suppressed::reason)
                .containsExactly(Reason.RAISE_SUPPRESSED, Reason.INHIBITED_SILENT_DEVICE);
    }

    @Test
    void accept_silentDevice_doesNotInhibitTheDeviceHealthThatMayExplainIt() {
        // given a device whose silence is raised
        gate.accept(raised("gate-1", "DV-01", 0));

        // when its clock, payloads and connection are found at fault too
        gate.accept(raised("gate-1", "DV-03", 1));
        gate.accept(raised("gate-1", "DV-04", 2));
        gate.accept(raised("gate-1", "DV-05", 3));
        gate.accept(raised("gate-1", "DV-02", 4));

        // then those pass; the battery, a consequence-free reading anomaly, is still inhibited
        assertThat(issues).extracting(Anomaly::category).containsExactly("DV-01", "DV-03", "DV-04", "DV-05");
        assertThat(ledger.query("gate-1", null, 10)).extracting(SuppressionLedger.Suppressed::reason)
                .containsExactly(Reason.INHIBITED_SILENT_DEVICE);
    }

    @Test
    void accept_flappingKey_passesOnOnceMarkedThenHoldsUntilQuiet() {
        // when: 7 raise/clear cycles a minute apart; more than 4 raises in an hour is flapping
        for (int i = 0; i < 7; i++) {
            gate.accept(raised("bin-1", "WB-01", 2 * i));
            gate.accept(cleared("bin-1", "WB-01", 2 * i + 1));
        }

        // then: 4 normal cycles, the 5th raise marked flapping, then nothing until the key is quiet
        assertThat(issues).hasSize(9);
        assertThat(issues.get(8).detail()).startsWith("flapping: raised 5 times within 1 h");
        assertThat(ledger.query("bin-1", Reason.FLAPPING, 100)).hasSize(5);
        // and the read-only view the fleet page uses names the key, with its raises in the window
        assertThat(gate.flapping()).containsExactly(new AnomalyGate.FlappingKey("c1", "bin-1", "WB-01", 7));

        // when: an hour of quiet
        clock.set(T0.plus(Duration.ofMinutes(14 + 61)));
        gate.settleFlapping();

        // then: the held clear goes out, and the key is no longer flapping
        assertThat(issues).hasSize(10).last().extracting(Anomaly::status, Anomaly::atMillis)
                .containsExactly(AnomalyStatus.CLEARED, T0.toEpochMilli() + 13 * MINUTE);
        assertThat(gate.flapping()).isEmpty();
    }

    @Test
    void accept_silencedByAreaAndCategory_recordedNotForwarded() {
        // given: maintenance window on the north area's bins, for an hour
        silences.create(null, "WB-01", "north", null, null, T0.plus(Duration.ofHours(1)), "ops@lakeside",
                "bin replacement");

        // when
        gate.accept(raised("bin-1", "WB-01", 0));
        gate.accept(raised("bin-1", "WB-03", 0));
        clock.set(T0.plus(Duration.ofHours(2)));
        gate.accept(raised("bin-1", "WB-02", 120));

        // then: WB-01 silenced; other categories and anything after expiry pass
        assertThat(issues).extracting(Anomaly::category).containsExactly("WB-03", "WB-02");
        assertThat(ledger.query(null, Reason.SILENCED, 10)).singleElement()
                .extracting(s -> s.anomaly().category(), SuppressionLedger.Suppressed::ref)
                .containsExactly("WB-01", "SIL-1");
    }

    @Test
    void silenceStore_persistsAcrossRestart(@TempDir final Path dir) {
        // given
        final SilenceStore store = new SilenceStore(dir.resolve("silences.json"), json, clock);
        store.create("sl-1", null, null, null, null, T0.plus(Duration.ofHours(1)), "ana", "pole repaint");

        // when
        final SilenceStore reopened = new SilenceStore(dir.resolve("silences.json"), json, clock);
        final var created = reopened.create(null, null, null, "seg-02", null, T0.plus(Duration.ofHours(1)), "bo",
                "");

        // then
        assertThat(reopened.list(true)).extracting(s -> s.author()).containsExactlyInAnyOrder("ana", "bo");
        assertThat(created.id()).isEqualTo("SIL-2");
    }

    private AnomalyGate gate() {
        return new AnomalyGate(lookup, silences, ledger, issues::add, 4, 60 * MINUTE, 3, clock);
    }

    private static Anomaly raised(final String device, final String category, final int minute) {
        return anomaly(device, category, AnomalyStatus.RAISED, minute);
    }

    private static Anomaly cleared(final String device, final String category, final int minute) {
        return anomaly(device, category, AnomalyStatus.CLEARED, minute);
    }

    private static Anomaly anomaly(final String device, final String category, final AnomalyStatus status,
                                   final int minute) {
        return new Anomaly("c1", device.startsWith("sl") ? "streetlight" : "bin", device, category, status,
                T0.toEpochMilli() + minute * MINUTE, category + " rule", "detail");
    }

    private static Device lamp(final String id, final String segment) {
        return new Device(id, "streetlight", "c1", "x", 60, 30, 120, "south", segment);
    }

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(final Instant start) {
            this.now = start;
        }

        void set(final Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(final ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
