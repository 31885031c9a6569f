// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.Map;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.CS_DOCS_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.DINGTEK_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.TTN_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.WS301_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.bytes;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.withDecoded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every ChirpStack, The Things Stack and decoded-object fixture ({@code payloads/}) through the router's bridge
 * entry (no MQTT identity) with the default configuration. None of the saved envelopes carries a decoded object,
 * so the {@code decoded-*} codec outputs are put into them where the network server would.
 */
class LoRaWanFixturesTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final Map<String, Double> DINGTEK_HEARTBEAT = Map.of("temperature_c", 25.0, "level_mm", 2000.0,
            "fill_pct", 0.0, "fire_alarm", 0.0, "battery_low", 0.0);

    private final FormatRouter router = FormatRouter.create(FormatOptions.defaults(),
            DeviceDirectory.of(PayloadFixtures.DEVICES), 300_000);

    private RouteException refusal(final String topic, final byte[] payload) {
        return catchThrowableOfType(RouteException.class, () -> router.route(topic, payload, NOW));
    }

    private static long at(final String time) {
        return Instant.parse(time).toEpochMilli();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            chirpstack-v4-event-up.docs.json | 0101010101010101 | profile 'Test device-profile' has
            chirpstack-v4-event-up.realworld-dingtek-capture.json | 7cf95720fc015fef | profile 'EU868' has
            chirpstack-v4-event-up.thingsboard-ws301-door.json | 1000000000000001 | default device profile' has
            chirpstack-v3-event-up.protobuf-json.docs.json | 0202020202020202 | profile has
            """)
    void route_chirpStackUplinkWithoutObject_isRefusedNamingTheCodec(final String fixture, final String devEui,
                                                                   final String profile) {
        // given an uplink event as published: raw data, no decoded object (on its application's topic)
        final String application = PayloadFixtures.tree(bytes(fixture)).path("deviceInfo").path("applicationId")
                .asText("123");

        // when
        final RouteException e = refusal("application/" + application + "/device/" + devEui + "/event/up",
                bytes(fixture));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(e.getMessage()).startsWith("object is missing: ChirpStack adds the decoded object only when the "
                + "device profile").contains(profile + " a codec; the raw data is not decoded here");
    }

    @Test
    void route_dingtekCaptureWithHeartbeat_isOneBinReadingAtTheEventTime() throws Exception {
        // given the vendor's capture with the DF703 heartbeat decoded into object
        final byte[] payload = withDecoded("chirpstack-v4-event-up.realworld-dingtek-capture.json", "object",
                "decoded-dingtek-df703-waste-bin.heartbeat.json");

        // when
        final Routed routed = router.route(DINGTEK_TOPIC, payload, NOW);

        // then the device is found by DevEUI (registered upper-case), time and fCnt come from the event
        assertThat(routed.device()).isEqualTo(PayloadFixtures.DINGTEK);
        assertThat(routed.readings()).extracting(Reading::getDeviceType, Reading::getTimestampMillis,
                Reading::getSequence, Reading::getMetrics).containsExactly(
                        tuple("bin", at("2022-10-03T03:17:10.427Z"), 2L, DINGTEK_HEARTBEAT));
    }

    @Test
    void route_dingtekHeartbeatWithGps_ignoresTheTextCoordinates() throws Exception {
        // given the GPS heartbeat: longitude and latitude are strings the default map does not name
        final byte[] payload = withDecoded("chirpstack-v4-event-up.realworld-dingtek-capture.json", "object",
                "decoded-dingtek-df703-waste-bin.heartbeat-gps.json");

        // when
        final Routed routed = router.route(DINGTEK_TOPIC, payload, NOW);

        // then
        assertThat(routed.readings()).singleElement().extracting(Reading::getMetrics).isEqualTo(DINGTEK_HEARTBEAT);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            decoded-milesight-ws301-door.vendor-readme.json   | 100
            decoded-milesight-ws301-door.ttn-codec-example.json | 75
            """)
    void route_ws301DoorInChirpStack_isDoorOpenAndBattery(final String decoded, final double battery)
            throws Exception {
        // given the ThingsBoard WS301 uplink with either codec's output (magnet_status or door) as object
        final byte[] payload = withDecoded("chirpstack-v4-event-up.thingsboard-ws301-door.json", "object", decoded);

        // when
        final Routed routed = router.route(WS301_TOPIC, payload, NOW);

        // then
        assertThat(routed.device()).isEqualTo(PayloadFixtures.WS301);
        assertThat(routed.readings()).extracting(Reading::getTimestampMillis, Reading::getSequence,
                Reading::getMetrics).containsExactly(tuple(at("2023-05-22T07:47:05.404Z"), 4L,
                        Map.of("battery_pct", battery, "door_open", 1.0)));
    }

    @Test
    void route_ttnDataFormatsExample_isFoundByDevEuiAndStampedReceivedAt() throws Exception {
        // given the TTS docs example: device_id dev1, dev_eui 0004A30B001C0530 registered as bin-ttn-01
        // when
        final Routed routed = router.route(TTN_TOPIC, bytes("ttn-v3-up.data-formats-docs.json"), NOW);

        // then luminosity is not in the map and is ignored
        assertThat(routed.device()).isEqualTo(PayloadFixtures.TTN_DOCS);
        assertThat(routed.format()).isEqualTo("ttn-v3");
        assertThat(routed.readings()).extracting(Reading::getDeviceId, Reading::getTimestampMillis,
                Reading::getSequence, Reading::getMetrics).containsExactly(tuple("bin-ttn-01",
                        at("2020-02-12T15:15:46.014Z"), 1L, Map.of("temperature_c", 1.0)));
    }

    @Test
    void route_ttnWithWs301Formatter_isDoorOpenAndBattery() throws Exception {
        // given the TTS example with the WS301 TTN codec output as decoded_payload
        final byte[] payload = withDecoded("ttn-v3-up.data-formats-docs.json", "uplink_message.decoded_payload",
                "decoded-milesight-ws301-door.ttn-codec-example.json");

        // when
        final Routed routed = router.route(TTN_TOPIC, payload, NOW);

        // then
        assertThat(routed.readings()).singleElement().extracting(Reading::getMetrics)
                .isEqualTo(Map.of("battery_pct", 75.0, "door_open", 1.0));
    }

    @Test
    void route_ttnMqttServerExample_isRefusedForTheMissingDecodedPayload() {
        // given the TTS MQTT page example: no decoded_payload (and no received_at)
        // when
        final RouteException e = refusal(TTN_TOPIC, bytes("ttn-v3-up.mqtt-server-docs.json"));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(e.getMessage()).startsWith("uplink_message.decoded_payload is missing: The Things Stack adds it "
                + "only when the device or application has an uplink payload formatter");
    }

    @Test
    void route_ttnMqttServerExampleWithDecodedPayload_fallsBackToDeviceIdAndGatewayTime() throws Exception {
        // given the same example with a decoded payload: its dev_eui 4200000000000000 is not registered
        final byte[] payload = withDecoded("ttn-v3-up.mqtt-server-docs.json", "uplink_message.decoded_payload",
                "decoded-milesight-ws301-door.ttn-codec-example.json");

        // when
        final Routed routed = router.route(TTN_TOPIC, payload, NOW);

        // then device id dev1 (registered without DevEUI) and rx_metadata[0].time; no f_cnt, so no sequence
        assertThat(routed.device()).isEqualTo(PayloadFixtures.DEV1);
        assertThat(routed.readings()).extracting(Reading::getTimestampMillis, Reading::getSequence)
                .containsExactly(tuple(at("2019-01-29T13:02:34.981Z"), Reading.NO_SEQUENCE));
    }

    @Test
    void route_ttnHeadVerbatimInvalidJson_isRefusedNamingLineAndColumn() {
        // given the current TTS docs block, which misses a comma after "attributes"
        // when
        final RouteException e = refusal(TTN_TOPIC,
                bytes("ttn-v3-up.data-formats-docs.HEAD-verbatim.invalid-json.txt"));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(e.getMessage()).startsWith("payload is not valid JSON at line 79, column 5: ")
                .contains("was expecting comma to separate Object entries");
    }

    @Test
    void route_chirpStackV3LegacyObject_isRefusedListingItsFields() {
        // given a ChirpStack v3 legacy event: CayenneLPP-style channel maps the default v4 map does not name
        // when
        final RouteException e = refusal("application/123/device/0202020202020202/event/up",
                bytes("chirpstack-v3-event-up.legacy-json-v3.docs.json"));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(e.getMessage()).isEqualTo("object has none of the fields in ingest.fieldMaps.chirpstack-v4 (it "
                + "has temperatureSensor, humiditySensor)");
    }

    @Test
    void route_chirpStackDocsOnItsTopic_isRefusedBeforeTheDeviceIsLookedUp() {
        // given the v4 docs example on its documented topic (its DevEUI is registered)
        // when
        final RouteException e = refusal(CS_DOCS_TOPIC, bytes("chirpstack-v4-event-up.docs.json"));

        // then a payload that fits no format is refused with the reason, and nothing is returned to store
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
    }
}
