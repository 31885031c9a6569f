// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.ingest.PayloadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** A field map line's conversion and validation, and the decoded-object mapping built on it. */
class FieldMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Double> map(final List<FieldMapping> lines, final String json) throws Exception {
        final JsonNode object = JSON.readTree(json);
        return new DecodedObjectMapper("ingest.fieldMaps.test", lines).map(object, "object");
    }

    @ParameterizedTest(name = "level {0} mm -> {1} %")
    @CsvSource({"0, 100", "250, 75", "1000, 0", "2000, 0", "-50, 100"})
    void apply_dingtekLevel_isFillPercentClamped(final double level, final double fill) {
        // given the default: a 1000 mm deep bin
        final FieldMapping line = DefaultFieldMaps.DECODED_OBJECTS.get(2);

        // when
        final double value = line.apply(level);

        // then
        assertThat(line.metric()).isEqualTo("fill_pct");
        assertThat(value).isEqualTo(fill);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            upper-case metric        | Fill   | 1   | 0  | metric 'Fill' is not a metric name
            reserved metric          | seq    | 1   | 0  | metric 'seq' is not a metric name
            scale zero               | fill   | 0   | 0  | scale 0.0 must be a finite number other than 0
            """)
    void new_invalidLine_isRefusedNamingThePart(final String title, final String metric, final double scale,
                                                final double offset, final String expected) {
        // given
        // when
        final IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class,
                () -> new FieldMapping("level", null, metric, scale, offset, 0, 1, Map.of()));

        // then
        assertThat(e.getMessage()).startsWith(expected);
    }

    @Test
    void new_minAboveMaxOrNoFieldNorUnit_isRefused() {
        // given
        // when
        final IllegalArgumentException range = catchThrowableOfType(IllegalArgumentException.class,
                () -> FieldMapping.of("level", "fill_pct").withLinear(1, 0, 100, 0));
        final IllegalArgumentException nothing = catchThrowableOfType(IllegalArgumentException.class,
                () -> FieldMapping.of(null, "fill_pct"));

        // then
        assertThat(range.getMessage()).isEqualTo("min 100.0 and max 0.0 must be numbers with min <= max");
        assertThat(nothing.getMessage()).isEqualTo("field (or, for SenML, unit) is missing");
    }

    @Test
    void map_booleansTextsAndQuotedNumbers_becomeNumbers() throws Exception {
        // given
        final List<FieldMapping> lines = List.of(FieldMapping.of("alarmFire", "fire_alarm"),
                FieldMapping.of("door", "door_open").withValues(Map.of("open", 1.0, "close", 0.0)),
                FieldMapping.of("gps.lat", "lat"));

        // when
        final Map<String, Double> metrics = map(lines, "{\"alarmFire\": true, \"door\": \"CLOSE\", "
                + "\"gps\": {\"lat\": \"40.038999\"}, \"frameCounter\": 3}");

        // then frameCounter is not in the map and is ignored
        assertThat(metrics).isEqualTo(Map.of("fire_alarm", 1.0, "door_open", 0.0, "lat", 40.038999));
    }

    @Test
    void map_twoFieldsGivingOneMetric_isRefused() {
        // given both Milesight spellings at once
        // when
        final PayloadException e = catchThrowableOfType(PayloadException.class, () -> map(
                DefaultFieldMaps.DECODED_OBJECTS, "{\"door\": \"open\", \"magnet_status\": \"open\"}"));

        // then
        assertThat(e.getMessage()).isEqualTo("object.door and object.magnet_status both give door_open; the payload "
                + "must carry only one of them");
    }

    @Test
    void map_unknownText_isRefusedListingTheKnownTexts() {
        // given
        // when
        final PayloadException e = catchThrowableOfType(PayloadException.class, () -> map(
                DefaultFieldMaps.DECODED_OBJECTS, "{\"door\": \"ajar\", \"battery\": 80}"));

        // then
        assertThat(e.getMessage()).isEqualTo("object.door is 'ajar', which gives no number for door_open; known "
                + "texts: [close, closed, open]");
    }

    @Test
    void map_nullField_countsAsAbsent() throws Exception {
        // given
        // when
        final Map<String, Double> metrics = map(DefaultFieldMaps.DECODED_OBJECTS, "{\"door\": null, "
                + "\"battery\": 80}");

        // then
        assertThat(metrics).isEqualTo(Map.of("battery_pct", 80.0));
    }
}
