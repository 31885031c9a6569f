// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import io.civicpulse.rules.testsupport.TestEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * One lane, two devices, one of them with a clock ten minutes ahead, under both {@link ClockSource}s. The EVENTS
 * tests pin the behaviour EXTERNAL exists to avoid: the device ahead drags the session clock along, so the other
 * device looks silent and its durations complete early.
 */
class ClockSourceSessionTest {
    private static final long T0 = 1_795_777_200_000L;
    private static final long MINUTE = 60_000L;
    private static final long SKEW = 10 * MINUTE;

    private final List<Anomaly> anomalies = new ArrayList<>();

    @Test
    void process_deviceTenMinutesAhead_doesNotSilenceOtherDevice() {
        // given
        try (RuleSession session = open(ClockSource.EXTERNAL)) {
            // when: both report every minute, and the gateway advances the clock to wall time in between
            reportBothEveryMinuteFor(session, 10);

            // then: readings never moved the clock, and nobody is silent
            assertThat(session.now()).isEqualTo(T0 + 10 * MINUTE);
            assertThat(anomalies).isEmpty();
        }
    }

    @Test
    void process_deviceTenMinutesAhead_underEvents_silencesOtherDevice() {
        // given
        try (RuleSession session = open(ClockSource.EVENTS)) {
            // when
            reportBothEveryMinuteFor(session, 10);

            // then (old behaviour): the first reading ahead moves the clock to minute 10, so bin-ok is silent
            // since minute 3 and its on-time readings, now late, never clear that; bin-ahead's own reading first
            // reveals its "silence" since registration and then ends it
            assertThat(session.now()).isEqualTo(T0 + 20 * MINUTE);
            assertThat(anomalies).extracting(Anomaly::deviceId, Anomaly::category, Anomaly::status,
                    Anomaly::atMillis).containsExactly(
                    tuple("bin-ok", "DV-01", AnomalyStatus.RAISED, T0 + 3 * MINUTE),
                    tuple("bin-ahead", "DV-01", AnomalyStatus.RAISED, T0 + 3 * MINUTE),
                    tuple("bin-ahead", "DV-01", AnomalyStatus.CLEARED, T0 + SKEW));
        }
    }

    @Test
    void process_deviceAhead_doesNotCompleteOtherDevicesDurationEarly() {
        // given: gate-ok opens at minute 0; GT-01 needs 5 minutes
        try (RuleSession session = open(ClockSource.EXTERNAL)) {
            session.process(List.of(reading("gate-ok", T0, "door_open", 1.0),
                    reading("gate-ahead", T0 + SKEW, "door_open", 0.0)));
            session.advanceTo(T0 + 5 * MINUTE - 1);
            final List<Anomaly> beforeDue = List.copyOf(anomalies);

            // when
            session.advanceTo(T0 + 5 * MINUTE);

            // then
            assertThat(beforeDue).isEmpty();
            assertThat(anomalies).singleElement().extracting(Anomaly::deviceId, Anomaly::atMillis)
                    .containsExactly("gate-ok", T0 + 5 * MINUTE);
        }
    }

    @Test
    void process_deviceAhead_underEvents_completesOtherDevicesDurationAtOnce() {
        // given
        try (RuleSession session = open(ClockSource.EVENTS)) {
            // when: still at wall-clock minute 0
            session.process(List.of(reading("gate-ok", T0, "door_open", 1.0),
                    reading("gate-ahead", T0 + SKEW, "door_open", 0.0)));

            // then (old behaviour): raised immediately, although the gate has been open for no time yet
            assertThat(anomalies).singleElement().extracting(Anomaly::deviceId, Anomaly::atMillis)
                    .containsExactly("gate-ok", T0 + 5 * MINUTE);
        }
    }

    @Test
    void advanceTo_pastDueOnly_raisesDuration() {
        // given: full-bin readings up to minute 12, all ahead of a clock that stays at minute 0
        try (RuleSession session = open(ClockSource.EXTERNAL)) {
            for (final long minute : new long[] {0, 5, 10, 12}) {
                session.process(List.of(reading("bin-1", T0 + minute * MINUTE, "fill_pct", 95.0)));
            }
            final List<Anomaly> fromReadings = List.copyOf(anomalies);
            session.advanceTo(T0 + 10 * MINUTE - 1);
            final List<Anomaly> beforeDue = List.copyOf(anomalies);

            // when
            session.advanceTo(T0 + 10 * MINUTE);

            // then
            assertThat(fromReadings).isEmpty();
            assertThat(beforeDue).isEmpty();
            assertThat(anomalies).singleElement().extracting(Anomaly::category, Anomaly::atMillis)
                    .containsExactly("WB-01", T0 + 10 * MINUTE);
        }
    }

    @Test
    void advanceTo_registeredDeviceNeverReports_raisesSilence() {
        // given
        try (RuleSession session = open(ClockSource.EXTERNAL)) {
            session.register(new DeviceProfile("c1", "bin", "bin-1", MINUTE));
            session.advanceTo(T0 + 3 * MINUTE - 1);
            final List<Anomaly> before = List.copyOf(anomalies);

            // when
            session.advanceTo(T0 + 3 * MINUTE);

            // then
            assertThat(before).isEmpty();
            assertThat(anomalies).singleElement().extracting(Anomaly::category, Anomaly::status, Anomaly::atMillis)
                    .containsExactly("DV-01", AnomalyStatus.RAISED, T0 + 3 * MINUTE);
        }
    }

    @Test
    void openSession_nullClockSource_throws() {
        // given / when / then
        assertThatThrownBy(() -> TestEngine.defaultPack().openSession(RuleParameters.defaults(), anomalies::add, T0,
                null)).isInstanceOf(NullPointerException.class).hasMessageContaining("clockSource");
    }

    private RuleSession open(final ClockSource clockSource) {
        return TestEngine.defaultPack().openSession(RuleParameters.defaults(), anomalies::add, T0, clockSource);
    }

    /**
     * Registers bin-ok and bin-ahead (one reading a minute expected, silent after 3 min); then each minute advances
     * the clock to wall time and processes one reading of each: bin-ok stamped wall time, bin-ahead wall + 10 min.
     */
    private static void reportBothEveryMinuteFor(final RuleSession session, final int minutes) {
        session.register(new DeviceProfile("c1", "bin", "bin-ok", MINUTE));
        session.register(new DeviceProfile("c1", "bin", "bin-ahead", MINUTE));
        for (int minute = 0; minute <= minutes; minute++) {
            final long wall = T0 + minute * MINUTE;
            session.advanceTo(wall);
            session.process(List.of(reading("bin-ok", wall, "battery_pct", 80.0),
                    reading("bin-ahead", wall + SKEW, "battery_pct", 80.0)));
        }
    }

    private static Reading reading(final String deviceId, final long atMillis, final String metric,
                                   final double value) {
        final String deviceType = deviceId.substring(0, deviceId.indexOf('-'));
        return new Reading("c1", deviceType, deviceId, atMillis, Reading.NO_SEQUENCE, Map.of(metric, value));
    }
}
