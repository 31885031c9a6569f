// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.PayloadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.TTN_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Things Stack v3 uplinks: topic shape, ids against the topic, time fallbacks, decoded payload. */
class TtnV3FormatTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final String DECODED = ",\"uplink_message\":{\"decoded_payload\":{\"temperature\":20}}";

    private final TtnV3Format format = new TtnV3Format(DefaultFieldMaps.DECODED_OBJECTS);

    private String refusal(final String json) {
        final PayloadException e = catchThrowableOfType(PayloadException.class,
                () -> format.decode(TTN_TOPIC, utf8(json), NOW));
        assertThat(e).as("%s must be refused", json).isNotNull();
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v3/app1@ttn/devices/dev1/up", "v3/app1/devices/dev1/up"})
    void topicKey_cloudAndOpenSourceTopics_leaveTheDeviceToThePayload(final String topic) {
        // given
        // when
        final DeviceKey key = format.topicKey(topic);

        // then
        assertThat(key).isEqualTo(DeviceKey.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"v3/app1@ttn/devices//up", "v3/app1@ttn/device/dev1/up", "v2/app1/devices/dev1/up",
        "v3/app1@ttn/devices/dev1"})
    void topicKey_otherTopics_areNull(final String topic) {
        // given
        // when
        final DeviceKey key = format.topicKey(topic);

        // then
        assertThat(key).isNull();
    }

    @Test
    void decode_idsAndDevEui_makeTheKey() throws Exception {
        // given an upper-case dev_eui, as The Things Stack writes it
        final String json = "{\"end_device_ids\":{\"device_id\":\"dev1\",\"dev_eui\":\"0004A30B001C0530\"},"
                + "\"received_at\":\"2026-11-27T09:59:00Z\"" + DECODED + "}";

        // when
        final Uplink uplink = format.decode(TTN_TOPIC, utf8(json), NOW);

        // then
        assertThat(uplink.device()).isEqualTo(new DeviceKey("dev1", "0004a30b001c0530", null, null));
    }

    @Test
    void decode_noReceivedAt_takesTheNetworkServersTime() throws Exception {
        // given
        final String json = "{\"uplink_message\":{\"received_at\":\"2026-11-27T09:58:00Z\",\"decoded_payload\":"
                + "{\"temperature\":20}}}";

        // when
        final Uplink uplink = format.decode(TTN_TOPIC, utf8(json), NOW);

        // then
        assertThat(uplink.samples()).singleElement().extracting(Sample::timestampMillis)
                .isEqualTo(Instant.parse("2026-11-27T09:58:00Z").toEpochMilli());
    }

    @Test
    void decode_idsThatContradictTheTopic_areRefused() {
        // given
        // when
        final String device = refusal("{\"end_device_ids\":{\"device_id\":\"dev2\"},\"received_at\":"
                + "\"2026-11-27T09:59:00Z\"" + DECODED + "}");
        final String app = refusal("{\"end_device_ids\":{\"application_ids\":{\"application_id\":\"app9\"}},"
                + "\"received_at\":\"2026-11-27T09:59:00Z\"" + DECODED + "}");
        final String eui = refusal("{\"end_device_ids\":{\"dev_eui\":\"00-04-A3\"},\"received_at\":"
                + "\"2026-11-27T09:59:00Z\"" + DECODED + "}");

        // then
        assertThat(device).isEqualTo("end_device_ids.device_id 'dev2' is not the topic's dev1");
        assertThat(app).isEqualTo("end_device_ids.application_ids.application_id 'app9' is not the topic's "
                + "application");
        assertThat(eui).isEqualTo("end_device_ids.dev_eui '00-04-A3' is not 16 hexadecimal digits");
    }

    @Test
    void decode_noTimeAnywhere_isRefused() {
        // given
        // when
        final String reason = refusal("{\"end_device_ids\":{\"device_id\":\"dev1\"}" + DECODED + "}");

        // then
        assertThat(reason).isEqualTo("received_at is missing (and no uplink_message.received_at or "
                + "rx_metadata[].time)");
    }

    @Test
    void decode_decodedPayloadWithoutKnownField_isRefusedListingItsFields() {
        // given
        // when
        final String reason = refusal("{\"received_at\":\"2026-11-27T09:59:00Z\",\"uplink_message\":"
                + "{\"decoded_payload\":{\"bytes\":[1,2]}}}");

        // then
        assertThat(reason).isEqualTo("uplink_message.decoded_payload has none of the fields in "
                + "ingest.fieldMaps.ttn-v3 (it has bytes)");
    }
}
