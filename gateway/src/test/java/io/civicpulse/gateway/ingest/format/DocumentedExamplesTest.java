// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The examples in {@code docs/device-protocol.md} § Payload formats give what the text says. */
class DocumentedExamplesTest {
    private static final Device BIN = new Device("bin-001", "bin", "lakeside", "$2a$04$x", 10, Double.NaN,
            Double.NaN, "", "", "7cf95720fc015fef");

    private final FormatRouter router = FormatRouter.create(FormatOptions.defaults(),
            DeviceDirectory.of(List.of(BIN, PayloadFixtures.LAMP)), 300_000);

    @Test
    void route_senmlExample_isTwoLampReadingsTenSecondsApart() throws Exception {
        // given
        final String pack = """
                [{"bn": "urn:dev:sl-001:", "bt": 1764266400.5, "n": "current", "u": "A", "v": 0.41},
                 {"n": "current", "u": "A", "t": 10, "v": 0.02},
                 {"n": "voltage", "u": "V", "t": 10, "v": 229},
                 {"n": "label", "vs": "north gate lamp"}]""";

        // when
        final Routed routed = router.route("cp/lakeside/streetlight/sl-001/senml", utf8(pack), PayloadFixtures.LAMP,
                Instant.parse("2025-11-27T18:01:00Z").toEpochMilli());

        // then
        final long t0 = Instant.parse("2025-11-27T18:00:00.500Z").toEpochMilli();
        assertThat(routed.readings()).extracting(Reading::getDeviceId, Reading::getTimestampMillis,
                Reading::getMetrics).containsExactly(tuple("sl-001", t0, Map.of("lamp_current_a", 0.41)),
                        tuple("sl-001", t0 + 10_000, Map.of("lamp_current_a", 0.02, "voltage_v", 229.0)));
    }

    @Test
    void route_chirpStackExample_isOneBinReadingWithFillFromLevel() throws Exception {
        // given
        final String event = """
                {"time":"2026-11-27T09:59:30.123456789+00:00","deviceInfo":{"devEui":"7cf95720fc015fef"},"fCnt":12,
                 "data":"gAAVARUAAAAAAW8AAAAAAAAAAQCB","object":{"level":300,"temperature":21,"alarmFire":false}}""";

        // when
        final Routed routed = router.route("application/1ebdc5b7/device/7cf95720fc015fef/event/up", utf8(event),
                Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());

        // then
        assertThat(routed.readings()).extracting(Reading::getDeviceId, Reading::getTimestampMillis,
                Reading::getSequence, Reading::getMetrics).containsExactly(tuple("bin-001",
                        Instant.parse("2026-11-27T09:59:30.123Z").toEpochMilli(), 12L, Map.of("fill_pct", 70.0,
                                "level_mm", 300.0, "temperature_c", 21.0, "fire_alarm", 0.0)));
    }
}
