// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest.format;

import io.civicpulse.gateway.ingest.PayloadException;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;

import static io.civicpulse.gateway.ingest.format.PayloadFixtures.SENML_TOPIC;
import static io.civicpulse.gateway.ingest.format.PayloadFixtures.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** SenML edge cases: base values, times, units, value types, names and what RFC 8428 forbids. */
class SenmlFormatTest {
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();

    private final SenmlFormat format = new SenmlFormat(DefaultFieldMaps.SENML);

    private Uplink decode(final String json) throws PayloadException {
        return format.decode(SENML_TOPIC, utf8(json), NOW);
    }

    private String refusal(final String json) {
        final PayloadException e = catchThrowableOfType(PayloadException.class, () -> decode(json));
        assertThat(e).as("%s must be refused", json).isNotNull();
        return e.getMessage();
    }

    @Test
    void decode_baseValue_isAddedToEachValue() throws Exception {
        // given
        final String pack = """
                [{"bn": "lamp:", "bv": 100, "n": "voltage", "u": "V", "v": 1.5},
                 {"n": "voltage", "u": "V", "t": 1, "v": -0.5}]""";

        // when
        final Uplink uplink = decode(pack);

        // then relative times: no bt, so t counts from now
        assertThat(uplink.samples()).extracting(Sample::timestampMillis, Sample::metrics).containsExactly(
                tuple(NOW, Map.of("voltage_v", 101.5)), tuple(NOW + 1000, Map.of("voltage_v", 99.5)));
    }

    @Test
    void decode_topic_namesTheDevice() throws Exception {
        // given
        // when
        final Uplink uplink = decode("[{\"n\": \"temp\", \"u\": \"Cel\", \"v\": 20}]");

        // then
        assertThat(uplink.device()).isEqualTo(new DeviceKey("sl-001", null, "lakeside", "streetlight"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            negative t, no bt                  | [{"n": "temp", "u": "Cel", "t": -60, "v": 1}]              | -60000
            relative bt plus t                 | [{"bt": -120, "n": "temp", "u": "Cel", "t": 30, "v": 1}]   | -90000
            fraction of a second rounds half up | [{"n": "temp", "u": "Cel", "t": -0.0005, "v": 1}]         | 0
            """)
    void decode_relativeTime_countsFromNow(final String title, final String pack, final long offset)
            throws Exception {
        // given a time below 2^28 s (RFC 8428 §4.5.3)
        // when
        final Uplink uplink = decode(pack);

        // then
        assertThat(uplink.samples()).singleElement().extracting(Sample::timestampMillis).isEqualTo(NOW + offset);
    }

    @Test
    void decode_absoluteTimeWithFraction_isExactToTheMillisecond() throws Exception {
        // given seconds with a fraction that a double would not hold exactly
        final String pack = "[{\"bt\": 1.7642664001234e+09, \"n\": \"temp\", \"u\": \"Cel\", \"t\": 0.001, \"v\": 1}]";

        // when
        final Uplink uplink = decode(pack);

        // then 1764266400.1234 + 0.001 s = …400124.4 ms, rounded
        assertThat(uplink.samples()).singleElement().extracting(Sample::timestampMillis).isEqualTo(1_764_266_400_124L);
    }

    @Test
    void decode_knownNameInAnotherUnit_isRefused() {
        // given a temperature in kelvin: storing it as temperature_c would be wrong
        // when
        final String reason = refusal("[{\"n\": \"urn:dev:x:temperature\", \"u\": \"K\", \"v\": 293.15}]");

        // then
        assertThat(reason).isEqualTo("record 0 ('urn:dev:x:temperature') is in unit 'K'; ingest.fieldMaps.senml "
                + "takes it only in Cel");
    }

    @Test
    void decode_unknownNameInUnknownUnit_isIgnored() throws Exception {
        // given a record no line of the map matches, by name or by unit
        final String pack = "[{\"n\": \"temp\", \"u\": \"Cel\", \"v\": 21}, {\"n\": \"speed\", \"u\": \"furlong\", "
                + "\"v\": 3}]";

        // when
        final Uplink uplink = decode(pack);

        // then
        assertThat(uplink.samples()).singleElement().extracting(Sample::metrics)
                .isEqualTo(Map.of("temperature_c", 21.0));
    }

    @Test
    void decode_knownNameWithoutUnit_takesTheMapsUnit() throws Exception {
        // given
        // when
        final Uplink uplink = decode("[{\"n\": \"temperature\", \"v\": 21}]");

        // then
        assertThat(uplink.samples()).singleElement().extracting(Sample::metrics)
                .isEqualTo(Map.of("temperature_c", 21.0));
    }

    @Test
    void decode_nameEndingInAKnownNameWithoutSeparator_doesNotMatch() {
        // given "xvoltage" is not "…:voltage" (and V alone names no metric)
        // when
        final String reason = refusal("[{\"n\": \"xvoltage\", \"u\": \"V\", \"v\": 230}]");

        // then
        assertThat(reason).isEqualTo("no record of the SenML pack maps to a metric in ingest.fieldMaps.senml "
                + "(names xvoltage, units V)");
    }

    @Test
    void decode_stringValues_countOnlyWhenTheLineListsTheText() throws Exception {
        // given a label (no line: ignored) and a door state (the door line lists open/closed)
        final String pack = "[{\"n\": \"label\", \"vs\": \"Gate 3\"}, {\"n\": \"door\", \"vs\": \"Open\"}]";

        // when
        final Uplink uplink = decode(pack);

        // then texts are compared without case
        assertThat(uplink.samples()).singleElement().extracting(Sample::metrics).isEqualTo(Map.of("door_open", 1.0));
    }

    static Stream<Arguments> invalidPacks() {
        return Stream.of(
                arguments(Named.of("unknown text", "[{\"n\": \"door\", \"vs\": \"ajar\"}]"),
                        "record 0 ('door'): vs 'ajar' gives no number for door_open; known texts: [closed, open]"),
                arguments(Named.of("text for a number", "[{\"n\": \"temp\", \"u\": \"Cel\", \"vs\": \"warm\"}]"),
                        "record 0 ('temp'): vs 'warm' gives no number for temperature_c"),
                arguments(Named.of("data value", "[{\"n\": \"temp\", \"u\": \"Cel\", \"vd\": \"aGk=\"}]"),
                        "record 0 ('temp'): a data value (vd) cannot be the metric temperature_c"),
                arguments(Named.of("no name", "[{\"u\": \"Cel\", \"v\": 1}]"),
                        "record 0 has no name: neither bn (on it or an earlier record) nor n"),
                arguments(Named.of("name with a space", "[{\"n\": \"outdoor temp\", \"v\": 1}]"),
                        "record 0: name 'outdoor temp' may hold only letters, digits and - : . / _"),
                arguments(Named.of("no value", "[{\"n\": \"temp\", \"u\": \"Cel\"}]"),
                        "record 0 ('temp') has no value: none of v, vs, vb, vd or s"),
                arguments(Named.of("two values", "[{\"n\": \"temp\", \"v\": 1, \"vs\": \"1\"}]"),
                        "record 0 ('temp') has more than one of v, vs, vb and vd"),
                arguments(Named.of("vb not a boolean", "[{\"n\": \"open\", \"vb\": \"false\"}]"),
                        "record 0 ('open'): vb must be true or false"),
                arguments(Named.of("v not a number", "[{\"n\": \"temp\", \"v\": \"21\"}]"),
                        "record 0 ('temp'): v must be a number"),
                arguments(Named.of("newer version", "[{\"bver\": 11, \"n\": \"temp\", \"v\": 1}]"),
                        "record 0: bver 11 is not a SenML version from 1 to 10"),
                arguments(Named.of("must-understand field", "[{\"n\": \"temp\", \"v\": 1, \"mc_\": 1}]"),
                        "record 0: field 'mc_' must be understood (RFC 8428 §4.4)"),
                arguments(Named.of("time out of range", "[{\"n\": \"temp\", \"t\": 1e15, \"v\": 1}]"),
                        "record 0: time 1000000000000000 s is out of range"),
                arguments(Named.of("not an array", "{\"n\": \"temp\", \"v\": 1}"),
                        "payload is not a SenML pack: expected a non-empty JSON array"),
                arguments(Named.of("empty pack", "[]"),
                        "payload is not a SenML pack"),
                arguments(Named.of("record not an object", "[1]"),
                        "record 0 is not a JSON object"),
                arguments(Named.of("duplicate key", "[{\"n\": \"temp\", \"v\": 1, \"v\": 2}]"),
                        "payload is not valid JSON at line 1, column"),
                arguments(Named.of("nothing mapped", "[{\"n\": \"label\", \"vs\": \"x\"}]"),
                        "no record of the SenML pack maps to a metric in"
                                + " ingest.fieldMaps.senml (names label, units none)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPacks")
    void decode_invalidPack_isRefusedWithTheReason(final String pack, final String expected) {
        // given
        // when
        final String reason = refusal(pack);

        // then
        assertThat(reason).startsWith(expected);
    }

    @Test
    void decode_unknownFieldWithoutUnderscore_isIgnored() throws Exception {
        // given an extension field RFC 8428 §4.4 says to ignore
        // when
        final Uplink uplink = decode("[{\"n\": \"temp\", \"u\": \"Cel\", \"v\": 1, \"colour\": \"red\"}]");

        // then
        assertThat(uplink.samples()).singleElement().extracting(Sample::metrics)
                .isEqualTo(Map.of("temperature_c", 1.0));
    }

    @Test
    void decode_sumOnly_isTheValueWithTheBaseSum() throws Exception {
        // given a record with a sum and no value
        // when
        final Uplink uplink = decode("[{\"bs\": 10, \"n\": \"power\", \"u\": \"W\", \"s\": 5}]");

        // then
        assertThat(uplink.samples()).singleElement().extracting(Sample::metrics).isEqualTo(Map.of("power_w", 15.0));
    }

    @Test
    void decode_moreDistinctTimesThanAllowed_isRefused() {
        // given
        final StringBuilder pack = new StringBuilder("[");
        for (int t = 0; t <= SenmlFormat.MAX_SAMPLES; t++) {
            pack.append(t == 0 ? "" : ",").append("{\"n\": \"temp\", \"u\": \"Cel\", \"t\": -").append(t)
                    .append(", \"v\": 1}");
        }

        // when
        final String reason = refusal(pack.append(']').toString());

        // then
        assertThat(reason).isEqualTo("the SenML pack has 1001 distinct times; at most 1000 are taken");
    }

    @Test
    void decode_notACpTopic_isRefused() {
        // given
        // when
        final PayloadException e = catchThrowableOfType(PayloadException.class,
                () -> format.decode("cp/lakeside/sl-001/senml", utf8("[]"), NOW));

        // then
        assertThat(e.getMessage()).isEqualTo("topic 'cp/lakeside/sl-001/senml' is not cp/{community}/{type}/"
                + "{deviceId}/+");
    }
}
