// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.PayloadException;
import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.WS301_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.bytes;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

/** ChirpStack v4 uplink events: topic shape, cross-checks with the topic, time and counter, decoded object. */
class ChirpStackV4FormatTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final String APP = "ca739e26-7b67-4f14-b69e-d568c22a5a75";

    private final ChirpStackV4Format format = new ChirpStackV4Format(DefaultFieldMaps.DECODED_OBJECTS);

    private String refusal(final String topic, final String json) {
        final PayloadException e = catchThrowableOfType(PayloadException.class,
                () -> format.decode(topic, utf8(json), NOW));
        assertThat(e).as("%s must be refused", json).isNotNull();
        return e.getMessage();
    }

    @Test
    void topicKey_upperCaseDevEuiInTopic_isTheLowerCaseDevEui() {
        // given
        // when
        final DeviceKey key = format.topicKey("application/" + APP + "/device/7CF95720FC015FEF/event/up");

        // then
        assertThat(key).isEqualTo(new DeviceKey(null, "7cf95720fc015fef", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"application/x/device/7cf95720fc015fe/event/up", "application/x/device/zz/event/up",
        "application//device/7cf95720fc015fef/event/up", "application/x/dev/7cf95720fc015fef/event/up",
        "cp/lakeside/bin/bin-001/telemetry", "application/x/device/7cf95720fc015fef/event"})
    void topicKey_notAChirpStackEventTopic_isNull(final String topic) {
        // given
        // when
        final DeviceKey key = format.topicKey(topic);

        // then
        assertThat(key).isNull();
    }

    @Test
    void decode_compactEventWithObject_isOneSample() throws Exception {
        // given a compact event (ChirpStack publishes without whitespace), fCnt, +00:00 offset and nanoseconds
        final String json = "{\"time\":\"2026-11-27T09:59:00.123456789+00:00\",\"deviceInfo\":{\"devEui\":"
                + "\"1000000000000001\",\"applicationId\":\"" + APP + "\"},\"fCnt\":7,\"object\":{\"door\":\"close\","
                + "\"battery\":99}}";

        // when
        final Uplink uplink = format.decode(WS301_TOPIC, utf8(json), NOW);

        // then
        assertThat(uplink.device().devEui()).isEqualTo("1000000000000001");
        assertThat(uplink.samples()).extracting(Sample::timestampMillis, Sample::sequence, Sample::metrics)
                .containsExactly(tuple(Instant.parse("2026-11-27T09:59:00.123Z").toEpochMilli(), 7L,
                        Map.of("door_open", 0.0, "battery_pct", 99.0)));
    }

    @Test
    void decode_noTopLevelTime_takesTheFirstGatewayTime() throws Exception {
        // given no time, only rxInfo[].time
        final String json = "{\"rxInfo\":[{\"rssi\":-40},{\"time\":\"2026-11-27T09:58:00Z\"}],\"object\":"
                + "{\"battery\":50}}";

        // when
        final Uplink uplink = format.decode(WS301_TOPIC, utf8(json), NOW);

        // then
        assertThat(uplink.samples()).extracting(Sample::timestampMillis, Sample::sequence).containsExactly(
                tuple(Instant.parse("2026-11-27T09:58:00Z").toEpochMilli(), Reading.NO_SEQUENCE));
    }

    @Test
    void decode_bodyDevEuiOtherThanTopics_isRefused() {
        // given
        // when
        final String reason = refusal(WS301_TOPIC, "{\"time\":\"2026-11-27T09:59:00Z\",\"deviceInfo\":"
                + "{\"devEui\":\"2000000000000002\"},\"object\":{\"battery\":1}}");

        // then
        assertThat(reason).isEqualTo("deviceInfo.devEui '2000000000000002' is not the topic's DevEUI "
                + "1000000000000001");
    }

    @Test
    void decode_invalidTimeOrCounter_isRefused() {
        // given
        // when
        final String badTime = refusal(WS301_TOPIC, "{\"time\":\"yesterday\",\"object\":{\"battery\":1}}");
        final String noTime = refusal(WS301_TOPIC, "{\"object\":{\"battery\":1}}");
        final String badCount = refusal(WS301_TOPIC, "{\"time\":\"2026-11-27T09:59:00Z\",\"fCnt\":-1,"
                + "\"object\":{\"battery\":1}}");

        // then
        assertThat(badTime).isEqualTo("time \"yesterday\" is not an RFC 3339 time with offset");
        assertThat(noTime).isEqualTo("time is missing (and no rxInfo[].time)");
        assertThat(badCount).isEqualTo("fCnt -1 is not a non-negative integer");
    }

    @Test
    void decode_mappedFieldWithUnusableValue_refusesTheWholeEvent() {
        // given battery is mapped, but the codec sent an object
        // when
        final String reason = refusal(WS301_TOPIC, "{\"time\":\"2026-11-27T09:59:00Z\",\"object\":{\"door\":\"open\","
                + "\"battery\":{\"pct\":5}}}");

        // then not even door_open is kept
        assertThat(reason).isEqualTo("object.battery is object, not a number, boolean or text");
    }

    @Test
    void decode_customMapWithNestedField_readsTheChirpStackV3LegacyObject() throws Exception {
        // given a map for CayenneLPP-style channel maps: temperatureSensor.1
        final ChirpStackV4Format custom = new ChirpStackV4Format(List.of(
                FieldMapping.of("temperatureSensor.1", "temperature_c"),
                FieldMapping.of("humiditySensor.1", "humidity_pct")));

        // when
        final Uplink uplink = custom.decode("application/123/device/0202020202020202/event/up",
                bytes("chirpstack-v3-event-up.legacy-json-v3.docs.json"), NOW);

        // then the time is the gateway's (v3 has no top-level time)
        assertThat(uplink.samples()).extracting(Sample::timestampMillis, Sample::sequence, Sample::metrics)
                .containsExactly(tuple(Instant.parse("2016-11-25T16:24:37.295Z").toEpochMilli(), 10L,
                        Map.of("temperature_c", 25.0, "humidity_pct", 32.0)));
    }

    @Test
    void decode_notAnObject_isRefused() {
        // given
        // when
        final String array = refusal(WS301_TOPIC, "[]");
        final String objectNotObject = refusal(WS301_TOPIC, "{\"time\":\"2026-11-27T09:59:00Z\",\"object\":[1]}");

        // then
        assertThat(array).isEqualTo("payload is not a ChirpStack event: expected a JSON object");
        assertThat(objectNotObject).isEqualTo("object must be a JSON object, not ARRAY");
    }
}
