// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.SENML_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every RFC 8428 §5.1 example ({@code payloads/senml-rfc8428-*.json}) through the router with the default
 * configuration, published by streetlight sl-001 on its SenML topic.
 */
class SenmlFixturesTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final long T0 = 1_320_067_464_000L;

    private final FormatRouter router = FormatRouter.create(FormatOptions.defaults(),
            DeviceDirectory.of(PayloadFixtures.DEVICES), 300_000);

    private Routed route(final String fixture) throws RouteException {
        return router.route(SENML_TOPIC, bytes(fixture), PayloadFixtures.LAMP, NOW);
    }

    @Test
    void route_singleDatapoint_isOneTemperatureNow() throws Exception {
        // given §5.1.1: a name that is only the device's URN, unit Cel, no time
        // when
        final Routed routed = route("senml-rfc8428-5.1.1-single-datapoint.json");

        // then the unit tells the quantity, and no time means now
        assertThat(routed.format()).isEqualTo("senml");
        assertThat(routed.readings()).extracting(Reading::getDeviceId, Reading::getTimestampMillis,
                Reading::getMetrics).containsExactly(tuple("sl-001", NOW, Map.of("temperature_c", 23.1)));
    }

    @Test
    void route_multipleDatapoints_isOneReadingWithVoltageAndCurrent() throws Exception {
        // given §5.1.2: base name + voltage (V) and current (A), no time
        // when
        final Routed routed = route("senml-rfc8428-5.1.2-multiple-datapoints.json");

        // then
        assertThat(routed.readings()).extracting(Reading::getTimestampMillis, Reading::getMetrics)
                .containsExactly(tuple(NOW, Map.of("voltage_v", 120.1, "lamp_current_a", 1.2)));
    }

    @Test
    void route_baseTimeAndUnit_isOneReadingPerSecondOldestFirst() throws Exception {
        // given §5.1.2: bt 1.276020076001e+09 (fractional seconds), relative t -5…0, bu A overridden by u V
        // when
        final Routed routed = route("senml-rfc8428-5.1.2-multiple-datapoints-base-time-unit.json");

        // then
        final long bt = 1_276_020_076_001L;
        assertThat(routed.readings()).extracting(Reading::getTimestampMillis, Reading::getMetrics).containsExactly(
                tuple(bt - 5000, Map.of("lamp_current_a", 1.2)),
                tuple(bt - 4000, Map.of("lamp_current_a", 1.3)),
                tuple(bt - 3000, Map.of("lamp_current_a", 1.4)),
                tuple(bt - 2000, Map.of("lamp_current_a", 1.5)),
                tuple(bt - 1000, Map.of("lamp_current_a", 1.6)),
                tuple(bt, Map.of("voltage_v", 120.1, "lamp_current_a", 1.7)));
        assertThat(routed.readings()).extracting(Reading::getSequence).containsOnly(Reading.NO_SEQUENCE);
    }

    @Test
    void route_multipleMeasurements_isOneReadingPerTimeKnownByUnit() throws Exception {
        // given §5.1.3: no n at all; humidity (bu %RH), lon, lat and battery (%EL) told apart by unit
        // when
        final Routed routed = route("senml-rfc8428-5.1.3-multiple-measurements.json");

        // then
        assertThat(routed.readings()).extracting(Reading::getTimestampMillis, Reading::getMetrics).containsExactly(
                tuple(T0, Map.of("humidity_pct", 20.0, "lon", 24.30621, "lat", 60.07965)),
                tuple(T0 + 60_000, Map.of("humidity_pct", 20.3, "lon", 24.30622, "lat", 60.07965)),
                tuple(T0 + 120_000, Map.of("humidity_pct", 20.7, "lon", 24.30623, "lat", 60.07966)),
                tuple(T0 + 150_000, Map.of("battery_pct", 98.0)),
                tuple(T0 + 180_000, Map.of("humidity_pct", 21.2, "lon", 24.30628, "lat", 60.07967)));
    }

    @Test
    void route_resolvedData_equalsTheBaseForm() throws Exception {
        // given §5.1.4, the resolved form of §5.1.3 (RFC 8428 says they mean the same)
        // when
        final Routed resolved = route("senml-rfc8428-5.1.4-resolved-data.json");

        // then
        assertThat(resolved.readings()).usingRecursiveFieldByFieldElementComparator()
                .containsExactlyElementsOf(route("senml-rfc8428-5.1.3-multiple-measurements.json").readings());
    }

    @Test
    void route_multipleDataTypes_takesNumberAndBooleanIgnoresStringAndData() throws Exception {
        // given §5.1.5: temp (v, Cel), label (vs), open (vb false), nfv-reader (vd)
        // when
        final Routed routed = route("senml-rfc8428-5.1.5-multiple-data-types.json");

        // then label and nfv-reader match no line of the map and are ignored
        assertThat(routed.readings()).extracting(Reading::getTimestampMillis, Reading::getMetrics)
                .containsExactly(tuple(NOW, Map.of("temperature_c", 23.1, "door_open", 0.0)));
    }

    @Test
    void route_collectionOfTwoDevices_isRefusedOnADeviceTopic() {
        // given §5.1.6: two base names (two devices) with a temperature each at the same time
        // when
        final RouteException e = catchThrowableOfType(RouteException.class,
                () -> route("senml-rfc8428-5.1.6-collection-of-resources.json"));

        // then nothing is taken: the pack describes more than the topic's one device
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(e.getMessage()).isEqualTo("record 0 ('2001:db8::2/temperature') and record 2 "
                + "('2001:db8::1/temperature') both give temperature_c at 2011-10-31T16:27:09Z; a pack on a device's "
                + "topic describes that one device");
    }

    @Test
    void route_nativeOnlyRouter_refusesTheSenmlTopic() {
        // given a router that knows only native JSON
        final FormatRouter nativeOnly = FormatRouter.nativeOnly(new NativeJsonPayloadDecoder(300_000));

        // when
        final RouteException e = catchThrowableOfType(RouteException.class, () -> nativeOnly.route(SENML_TOPIC,
                bytes("senml-rfc8428-5.1.1-single-datapoint.json"), PayloadFixtures.LAMP, NOW));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.TOPIC_INVALID);
        assertThat(e.getMessage()).contains("cp/{community}/{type}/{deviceId}/telemetry (native)");
    }
}
