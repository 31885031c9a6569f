// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.rules.engine;

import io.civicpulse.rules.model.Anomaly;
import io.civicpulse.rules.model.AnomalyStatus;
import io.civicpulse.rules.model.DeviceProfile;
import io.civicpulse.rules.model.Reading;
import io.civicpulse.rules.testsupport.TestEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DroolsRuleSessionTest {
    private static final long T0 = 1_795_777_200_000L;
    private static final long MINUTE = 60_000L;
    /** The default threshold conditions every session holds as facts (threshold.drl). */
    private static final int CONDITIONS = ThresholdConditions.defaults().size();

    private final List<Anomaly> anomalies = new ArrayList<>();
    private final DroolsRuleSession session = (DroolsRuleSession) TestEngine.defaultPack()
            .openSession(RuleParameters.defaults(), anomalies::add, T0);

    @AfterEach
    void closeSession() {
        session.close();
    }

    @Test
    void openSession_startMillis_setsClock() {
        // given / when / then
        assertThat(session.now()).isEqualTo(T0);
    }

    @Test
    void process_lateReading_neverMovesClockBackwards() {
        // given
        session.process(List.of(reading("bin-1", T0 + 10 * MINUTE, Map.of("battery_pct", 80.0))));

        // when: a reading stamped five minutes earlier arrives afterwards
        session.process(List.of(reading("bin-2", T0 + 5 * MINUTE, Map.of("battery_pct", 10.0))));

        // then: the clock stays, and the late reading is judged on its own event time
        assertThat(session.now()).isEqualTo(T0 + 10 * MINUTE);
        assertThat(anomalies).singleElement().extracting(Anomaly::deviceId, Anomaly::atMillis)
                .containsExactly("bin-2", T0 + 5 * MINUTE);
    }

    @Test
    void advanceTo_earlierTime_keepsClock() {
        // given
        session.advanceTo(T0 + MINUTE);

        // when
        session.advanceTo(T0);

        // then
        assertThat(session.now()).isEqualTo(T0 + MINUTE);
    }

    @Test
    void process_tenThousandReadingsOfOneDevice_keepsFactCountBounded() {
        // given: a registered bin that is full, hot and low on battery, so every kind of fact exists
        session.register(new DeviceProfile("c1", "bin", "bin-1", MINUTE));
        final Map<String, Double> metrics = Map.of("fill_pct", 95.0, "temperature_c", 80.0, "battery_pct", 5.0);
        for (int i = 0; i < 100; i++) {
            session.process(List.of(reading("bin-1", T0 + i * 1_000L, metrics)));
        }
        final long warmedUp = session.factCount();

        // when
        for (int i = 100; i < 10_100; i++) {
            session.process(List.of(reading("bin-1", T0 + i * 1_000L, metrics)));
        }

        // then: parameters, clock, profile, state and the three active anomalies; no reading is retained
        assertThat(session.factCount()).isEqualTo(warmedUp).isEqualTo(7 + CONDITIONS);
        assertThat(anomalies).extracting(Anomaly::category).containsExactlyInAnyOrder("WB-01", "WB-03", "DV-02");
    }

    @Test
    void deviceOffline_manyLossesAndReconnects_keepsFactCountBounded() {
        // given: a registered bin that has reported
        session.register(new DeviceProfile("c1", "bin", "bin-1", MINUTE));
        session.process(List.of(reading("bin-1", T0, Map.of("battery_pct", 80.0))));
        final long online = session.factCount();

        // when: a thousand times its connection drops (reported twice) and a reading a second later ends it
        for (int i = 1; i <= 1_000; i++) {
            final long lost = T0 + i * 2_000L;
            session.deviceOffline("bin-1", lost);
            session.deviceOffline("bin-1", lost);
            session.process(List.of(reading("bin-1", lost + 1_000L, Map.of("battery_pct", 80.0))));
        }
        final long reconnected = session.factCount();
        for (int i = 0; i < 100; i++) {
            session.deviceOffline("bin-1", T0 + 2_002_000L + i);
        }

        // then: parameters, clock, profile and state, plus the connection tally and the DV-05 (flapping) it raised
        // at the 4th drop; while offline also the offline marker (no DV-01 while DV-05 is raised)
        assertThat(online).isEqualTo(4 + CONDITIONS);
        assertThat(reconnected).isEqualTo(6 + CONDITIONS);
        assertThat(session.factCount()).isEqualTo(7 + CONDITIONS);
        assertThat(anomalies).hasSize(7).extracting(Anomaly::category)
                .containsExactly("DV-01", "DV-01", "DV-01", "DV-01", "DV-01", "DV-01", "DV-05");
    }

    @Test
    void deviceOffline_unknownDevice_changesNothing() {
        // given
        session.register(new DeviceProfile("c1", "bin", "bin-1", MINUTE));
        final long facts = session.factCount();

        // when
        session.deviceOffline("bin-404", T0 + MINUTE);

        // then: no verdict, no fact, and the clock stays even under EVENTS
        assertThat(anomalies).isEmpty();
        assertThat(session.factCount()).isEqualTo(facts);
        assertThat(session.now()).isEqualTo(T0);
    }

    @Test
    void deviceOffline_nullDeviceId_throws() {
        // given / when / then
        assertThatThrownBy(() -> session.deviceOffline(null, T0)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("deviceId");
    }

    @Test
    void register_sameDeviceAgain_replacesExpectedInterval() {
        // given
        session.register(new DeviceProfile("c1", "gate", "gate-1", MINUTE));

        // when: re-registered with a ten-minute interval, silence now takes 30 minutes
        session.register(new DeviceProfile("c1", "gate", "gate-1", 10 * MINUTE));
        session.advanceTo(T0 + 29 * MINUTE);
        final List<Anomaly> before = List.copyOf(anomalies);
        session.advanceTo(T0 + 30 * MINUTE);

        // then
        assertThat(before).isEmpty();
        assertThat(anomalies).singleElement().extracting(Anomaly::status, Anomaly::atMillis)
                .containsExactly(AnomalyStatus.RAISED, T0 + 30 * MINUTE);
        assertThat(session.factCount()).isEqualTo(5 + CONDITIONS);
    }

    @Test
    void process_listenerThrows_propagatesAndDeliversLaterAnomaliesOnNextCall() {
        // given: a listener that fails on the first anomaly only
        final AtomicBoolean failed = new AtomicBoolean();
        final RuleSession failing = TestEngine.defaultPack().openSession(RuleParameters.defaults(), a -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("listener down");
            }
            anomalies.add(a);
        }, T0);
        final Reading hotAndEmpty = reading("bin-1", T0, Map.of("temperature_c", 90.0, "battery_pct", 3.0));

        // when: the reading raises WB-03 and DV-02
        assertThatThrownBy(() -> failing.process(List.of(hotAndEmpty))).hasMessage("listener down");
        final List<Anomaly> afterFailure = List.copyOf(anomalies);
        failing.advanceTo(T0 + 1);
        failing.close();

        // then: the failed one is gone, the other arrives with the next call
        assertThat(afterFailure).isEmpty();
        assertThat(anomalies).singleElement().extracting(Anomaly::category).isIn("WB-03", "DV-02");
    }

    @Test
    void process_afterClose_throwsIllegalState() {
        // given
        session.close();

        // when / then
        assertThatThrownBy(() -> session.process(List.of())).isInstanceOf(IllegalStateException.class);
    }

    private static Reading reading(final String deviceId, final long atMillis, final Map<String, Double> metrics) {
        return new Reading("c1", "bin", deviceId, atMillis, Reading.NO_SEQUENCE, metrics);
    }
}
