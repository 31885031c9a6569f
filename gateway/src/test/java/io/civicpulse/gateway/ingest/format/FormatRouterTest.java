// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.NativeJsonPayloadDecoder;
import io.civicpulse.gateway.registry.Device;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.DINGTEK;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.LAMP;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.TTN_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.WS301;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.WS301_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** Routing by filter, device resolution by id or DevEUI, and the publisher rule. */
class FormatRouterTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final String DOOR_EVENT = "{\"time\":\"2026-11-27T09:59:00Z\",\"object\":{\"door\":\"open\"}}";
    private static final String NATIVE = "{\"ts\": " + NOW + ", \"metrics\": {\"lamp_current_a\": 0.4}}";

    private final FormatRouter router = FormatRouter.create(FormatOptions.defaults(),
            DeviceDirectory.of(PayloadFixtures.DEVICES), 300_000);

    private RouteException bridged(final FormatRouter r, final String topic, final String payload) {
        return catchThrowableOfType(RouteException.class, () -> r.route(topic, utf8(payload), NOW));
    }

    private RouteException published(final String topic, final String payload, final Device publisher) {
        return catchThrowableOfType(RouteException.class, () -> router.route(topic, utf8(payload), publisher, NOW));
    }

    private static String ttnUplink(final String deviceId, final String devEui) {
        return "{\"end_device_ids\":{\"device_id\":\"" + deviceId + "\",\"dev_eui\":\"" + devEui + "\"},"
                + "\"received_at\":\"2026-11-27T09:59:00Z\",\"uplink_message\":{\"decoded_payload\":{\"battery\":9}}}";
    }

    @Test
    void route_noFilterMatches_isTopicInvalidListingWhatIsExpected() {
        // given
        // when
        final RouteException e = bridged(router, "cp/lakeside/bin/bin-001/data", NATIVE);

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.TOPIC_INVALID);
        assertThat(e.getMessage()).isEqualTo("topic 'cp/lakeside/bin/bin-001/data' matches no ingest.formats filter; "
                + "expected cp/{community}/{type}/{deviceId}/telemetry (native), cp/{community}/{type}/{deviceId}/senml"
                + " (senml), application/{applicationId}/device/{devEui}/event/up (chirpstack-v4), "
                + "v3/{application}@{tenant}/devices/{deviceId}/up (ttn-v3)");
    }

    @Test
    void route_filterConfiguredWithTheWrongFormat_isTopicInvalidNamingFilterAndFormat() {
        // given an operator who routed the native topics to the ChirpStack format
        final FormatRouter wrong = FormatRouter.create(new FormatOptions(List.of(
                new FormatRoute("cp/+/+/+/telemetry", "chirpstack-v4")), DefaultFieldMaps.ALL),
                DeviceDirectory.of(PayloadFixtures.DEVICES), 300_000);

        // when
        final RouteException e = bridged(wrong, "cp/lakeside/streetlight/sl-001/telemetry", NATIVE);

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.TOPIC_INVALID);
        assertThat(e.getMessage()).isEqualTo("topic 'cp/lakeside/streetlight/sl-001/telemetry' matches the "
                + "ingest.formats filter 'cp/+/+/+/telemetry' of format chirpstack-v4 but is not a chirpstack-v4 "
                + "topic application/{applicationId}/device/{devEui}/event/up");
    }

    @Test
    void route_payloadOfAnotherFormat_isPayloadInvalid() {
        // given a SenML pack on the native topic and a native payload on a ChirpStack topic
        // when
        final RouteException senmlOnNative = published("cp/lakeside/streetlight/sl-001/telemetry",
                "[{\"n\":\"temp\",\"u\":\"Cel\",\"v\":1}]", LAMP);
        final RouteException nativeOnChirpStack = bridged(router, WS301_TOPIC, NATIVE);

        // then
        assertThat(senmlOnNative.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(senmlOnNative.getMessage()).isEqualTo("payload is not a JSON object");
        assertThat(nativeOnChirpStack.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(nativeOnChirpStack.getMessage()).startsWith("object is missing");
    }

    @Test
    void route_firstMatchingFilter_decides() throws Exception {
        // given a community whose lamps send SenML on their telemetry topic, listed before the native line
        final FormatRouter r = FormatRouter.create(new FormatOptions(List.of(
                new FormatRoute("cp/lakeside/streetlight/+/telemetry", "senml"),
                new FormatRoute("cp/+/+/+/telemetry", "native")), DefaultFieldMaps.ALL),
                DeviceDirectory.of(PayloadFixtures.DEVICES), 300_000);

        // when
        final Routed routed = r.route("cp/lakeside/streetlight/sl-001/telemetry",
                utf8("[{\"n\":\"current\",\"u\":\"A\",\"v\":0.4}]"), LAMP, NOW);

        // then
        assertThat(routed.format()).isEqualTo("senml");
        assertThat(routed.readings()).extracting(Reading::getMetrics).containsExactly(Map.of("lamp_current_a", 0.4));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"7cf95720fc015fef", "7CF95720FC015FEF"})
    void route_bridgedChirpStackUplink_findsTheDeviceByDevEuiInEitherCase(final String devEui) throws Exception {
        // given
        // when
        final Routed routed = router.route("application/a/device/" + devEui + "/event/up",
                utf8("{\"time\":\"2026-11-27T09:59:00Z\",\"object\":{\"level\":250}}"), NOW);

        // then
        assertThat(routed.device()).isEqualTo(DINGTEK);
        assertThat(routed.readings()).extracting(Reading::getDeviceId, Reading::getDeviceType, Reading::getMetrics)
                .containsExactly(tuple("bin-dt-01", "bin", Map.of("level_mm", 250.0, "fill_pct", 75.0)));
    }

    @Test
    void route_unknownDevEuiOrId_isUnknownDevice() {
        // given
        // when
        final RouteException eui = bridged(router, "application/a/device/ffffffffffffffff/event/up", DOOR_EVENT);
        final RouteException id = bridged(router, "cp/lakeside/bin/bin-999/telemetry", NATIVE);

        // then
        assertThat(eui.kind()).isEqualTo(RouteException.Kind.UNKNOWN_DEVICE);
        assertThat(eui.getMessage()).isEqualTo("no registered device has devEui ffffffffffffffff");
        assertThat(id.kind()).isEqualTo(RouteException.Kind.UNKNOWN_DEVICE);
        assertThat(id.getMessage()).isEqualTo("no registered device has id bin-999, community lakeside, type bin");
    }

    @Test
    void route_bridgedTopicWithAnotherCommunity_isUnknownDevice() {
        // given sl-001 is registered in lakeside
        // when
        final RouteException e = bridged(router, "cp/riverside/streetlight/sl-001/telemetry", NATIVE);

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.UNKNOWN_DEVICE);
        assertThat(e.getMessage()).isEqualTo("the message names id sl-001, community riverside, type streetlight, "
                + "but sl-001 is registered with community lakeside, type streetlight and no devEui");
    }

    @Test
    void route_ttnUplink_prefersTheRegisteredDevEuiOverTheDeviceId() throws Exception {
        // given TTS id dev1 (registered as its own device) but the DevEUI of bin-dt-01
        // when
        final Routed routed = router.route(TTN_TOPIC, utf8(ttnUplink("dev1", "7cf95720fc015fef")), NOW);

        // then
        assertThat(routed.device()).isEqualTo(DINGTEK);
    }

    @Test
    void route_ttnUplinkWhoseIdIsRegisteredWithAnotherDevEui_isUnknownDevice() {
        // given TTS device id bin-dt-01 with an unregistered DevEUI; bin-dt-01 has 7cf95720fc015fef
        // when
        final RouteException e = bridged(router, "v3/app1@ttn/devices/bin-dt-01/up",
                ttnUplink("bin-dt-01", "0000000000000099"));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.UNKNOWN_DEVICE);
        assertThat(e.getMessage()).isEqualTo("the message names devEui 0000000000000099, id bin-dt-01, but bin-dt-01 "
                + "is registered with community lakeside, type bin, devEui 7cf95720fc015fef");
    }

    @Test
    void route_deviceAboutItself_isAccepted() throws Exception {
        // given gate-ws-01 publishing its own ChirpStack-shaped uplink on the listener
        // when
        final Routed routed = router.route(WS301_TOPIC, utf8(DOOR_EVENT), WS301, NOW);

        // then
        assertThat(routed.device()).isSameAs(WS301);
        assertThat(routed.readings()).extracting(Reading::getMetrics).containsExactly(Map.of("door_open", 1.0));
    }

    @Test
    void route_deviceAboutAnotherDevEui_isRefusedBeforeDecoding() {
        // given bin-dt-01 on gate-ws-01's topic, with a payload that is not even JSON
        // when
        final RouteException e = published(WS301_TOPIC, "not json", DINGTEK);

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.NOT_AUTHORIZED);
        assertThat(e.getMessage()).isEqualTo("bin-dt-01 may publish only on application/"
                + "ca739e26-7b67-4f14-b69e-d568c22a5a75/device/7cf95720fc015fef/event/up");
    }

    @Test
    void route_deviceWithoutDevEuiOnAChirpStackTopic_isNotAuthorized() {
        // given
        // when
        final RouteException e = published(WS301_TOPIC, DOOR_EVENT, LAMP);

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.NOT_AUTHORIZED);
        assertThat(e.getMessage()).contains("sl-001 may publish only on application/")
                .contains("{no devEui registered}");
    }

    @Test
    void route_devicePublishingATtnUplinkAboutAnother_isNotAuthorizedAfterDecoding() {
        // given bin-dt-01 on a TTN topic whose body names TTS device dev1 with bin-ttn-01's DevEUI
        // when
        final RouteException e = published(TTN_TOPIC, ttnUplink("dev1", "0004A30B001C0530"), DINGTEK);

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.NOT_AUTHORIZED);
        assertThat(e.getMessage()).isEqualTo("bin-dt-01 may publish only on v3/app1@tenant1/devices/bin-dt-01/up; "
                + "this message is about devEui 0004a30b001c0530, id dev1");
    }

    @Test
    void route_readingFromTheFuture_isPayloadInvalid() {
        // given an uplink stamped an hour after the gateway clock
        // when
        final RouteException e = bridged(router, WS301_TOPIC, DOOR_EVENT.replace("09:59", "11:00"));

        // then
        assertThat(e.kind()).isEqualTo(RouteException.Kind.PAYLOAD_INVALID);
        assertThat(e.getMessage()).isEqualTo("reading time 2026-11-27T11:00:00Z is 3600 s in the future (check the "
                + "clock; at most 300 s allowed)");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"cp/#/telemetry", "cp/a+/x", "$share/g/cp/+/+/+/telemetry", ""})
    void newRoute_invalidFilter_isRefused(final String filter) {
        // given
        // when
        final IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new FormatRouter.Route(filter, new NativeJsonFormat(new NativeJsonPayloadDecoder(1))));

        // then
        assertThat(e.getMessage()).contains("is not a valid MQTT topic filter");
    }

    @Test
    void create_unknownFormatName_isRefused() {
        // given
        final FormatOptions options = new FormatOptions(List.of(new FormatRoute("a/+", "lwm2m")), Map.of());

        // when
        final IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> FormatRouter.create(options, DeviceDirectory.NONE, 1));

        // then
        assertThat(e.getMessage()).startsWith("unknown payload format 'lwm2m'");
    }
}
