// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

/** The native JSON payload of docs/device-protocol.md: what is accepted, and that each refusal names the field. */
class NativeJsonPayloadDecoderTest {
    /** The gateway's clock in these tests: 2026-11-27T10:00:00Z = 18:00 in +08:00. */
    private static final long NOW = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final long SKEW_MILLIS = 5 * 60_000L;
    private static final TelemetryTopic TOPIC = new TelemetryTopic("lakeside", "bin", "bin-001");

    private final NativeJsonPayloadDecoder decoder = new NativeJsonPayloadDecoder(SKEW_MILLIS);

    private Reading decode(final String json) throws PayloadException {
        final byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(TOPIC, bytes, 0, bytes.length, NOW);
    }

    private String refusalOf(final String json) {
        final PayloadException e = catchThrowableOfType(PayloadException.class, () -> decode(json));
        assertThat(e).as("payload must be refused: %s", json).isNotNull();
        return e.getMessage();
    }

    /** Fills in the placeholders of the tables (NOW, FUTURE, SIXTY_FIVE, LONG_NAME). */
    private static String fill(final String template) {
        return template.replace("NOW", Long.toString(NOW))
                .replace("FUTURE", Long.toString(NOW + SKEW_MILLIS + 1_000))
                .replace("SIXTY_FIVE", metrics(65))
                .replace("LONG_NAME", "a".repeat(65));
    }

    private static String metrics(final int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"m" + i + "\": " + i)
                .collect(Collectors.joining(", ", "{", "}"));
    }

    @Test
    void decode_documentedExample_givesTheReading() throws Exception {
        // given the example of docs/device-protocol.md, stamped now
        final String json = "{\"ts\": " + NOW + ", \"seq\": 42, \"metrics\": {\"fill_pct\": 93.5, "
                + "\"temperature_c\": 21.0, \"battery_pct\": 88}}";

        // when
        final Reading r = decode(json);

        // then
        assertThat(r.getCommunity()).isEqualTo("lakeside");
        assertThat(r.getDeviceType()).isEqualTo("bin");
        assertThat(r.getDeviceId()).isEqualTo("bin-001");
        assertThat(r.getTimestampMillis()).isEqualTo(NOW);
        assertThat(r.getSequence()).isEqualTo(42L);
        assertThat(r.getMetrics()).containsOnly(entry("fill_pct", 93.5), entry("temperature_c", 21.0),
                entry("battery_pct", 88.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            2026-11-27T18:00:00+08:00     | 0
            2026-11-27T10:00:00Z          | 0
            2026-11-27T10:00:00.250Z      | 250
            2026-11-27T05:00:00-05:00     | 0
            2026-11-27T17:59:00+08:00     | -60000
            """)
    void decode_rfc3339Timestamp_isConvertedToEpochMillis(final String ts, final long offsetFromNow)
            throws Exception {
        // given
        final String json = "{\"ts\": \"" + ts + "\", \"metrics\": {\"fill_pct\": 1}}";

        // when
        final Reading r = decode(json);

        // then
        assertThat(r.getTimestampMillis()).isEqualTo(NOW + offsetFromNow);
    }

    @Test
    void decode_withoutSeq_hasNoSequence() throws Exception {
        // given
        // when
        final Reading r = decode("{\"metrics\": {\"fill_pct\": 1}, \"ts\": " + NOW + "}");

        // then
        assertThat(r.getSequence()).isEqualTo(Reading.NO_SEQUENCE);
    }

    @Test
    void decode_booleans_areOneAndZero() throws Exception {
        // given
        final String json = "{\"ts\": " + NOW + ", \"metrics\": {\"door_open\": true, \"alarm\": false}}";

        // when
        final Reading r = decode(json);

        // then
        assertThat(r.getMetrics()).containsOnly(entry("door_open", 1.0), entry("alarm", 0.0));
    }

    @Test
    void decode_limits_areInclusive() throws Exception {
        // given 64 metrics, the smallest millisecond ts, seq 0, a ts exactly at the allowed skew
        final String longName = "a" + "b".repeat(63);

        // when
        final Reading many = decode("{\"ts\": " + NOW + ", \"metrics\": " + metrics(64) + "}");
        final Reading early = decode("{\"ts\": 1000000000000, \"seq\": 0, \"metrics\": {\"" + longName
                + "\": -1.5e3}}");
        final Reading skewed = decode("{\"ts\": " + (NOW + SKEW_MILLIS) + ", \"metrics\": {\"x\": 0}}");

        // then
        assertThat(many.getMetrics()).hasSize(64);
        assertThat(early.getTimestampMillis()).isEqualTo(1_000_000_000_000L);
        assertThat(early.getSequence()).isZero();
        assertThat(early.getMetrics()).containsOnly(entry(longName, -1500.0));
        assertThat(skewed.getTimestampMillis()).isEqualTo(NOW + SKEW_MILLIS);
    }

    @Test
    void decode_offsetAndLength_readOnlyThatSlice() throws Exception {
        // given a payload inside a larger buffer
        final String json = "{\"ts\": " + NOW + ", \"metrics\": {\"fill_pct\": 7}}";
        final byte[] buffer = ("xx" + json + "}garbage").getBytes(StandardCharsets.UTF_8);

        // when
        final Reading r = decoder.decode(TOPIC, buffer, 2, json.length(), NOW);

        // then
        assertThat(r.getMetrics()).containsOnly(entry("fill_pct", 7.0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            not JSON          | not json at all                                  | payload is not valid JSON
            JSON array        | [1, 2]                                           | payload is not a JSON object
            JSON string       | "text"                                           | payload is not a JSON object
            truncated         | {"ts": NOW, M                                    | payload is not valid JSON
            missing ts        | {M}                                              | ts is missing
            no metrics        | {"ts": NOW}                                      | metrics is missing
            ts in seconds     | {"ts": 1764266400, M}                            | ts 1764266400 is not epoch
            ts zero           | {"ts": 0, M}                                     | ts 0 is not epoch
            ts as float       | {"ts": 1764266400000.5, M}                       | ts must be epoch milliseconds
            ts null           | {"ts": null, M}                                  | ts must be epoch milliseconds
            ts not a time     | {"ts": "yesterday", M}                           | ts 'yesterday' is not an RFC 3339
            ts without offset | {"ts": "2026-11-27T18:00:00", M}                 | ts '2026-11-27T18:00:00' is not
            ts in the future  | {"ts": FUTURE, M}                                | ts is 301 s in the future
            seq negative      | {"ts": NOW, "seq": -1, M}                        | seq must be a non-negative integer
            seq as string     | {"ts": NOW, "seq": "5", M}                       | seq must be a non-negative integer
            seq as float      | {"ts": NOW, "seq": 1.5, M}                       | seq must be a non-negative integer
            name upper case   | {"ts": NOW, "metrics": {"Fill_pct": 1}}          | metric name 'Fill_pct'
            name digit 1st    | {"ts": NOW, "metrics": {"1st": 1}}               | metric name '1st'
            name dash         | {"ts": NOW, "metrics": {"fill-pct": 1}}          | metric name 'fill-pct'
            name empty        | {"ts": NOW, "metrics": {"": 1}}                  | metric name ''
            name too long     | {"ts": NOW, "metrics": {"LONG_NAME": 1}}         | metric name 'LONG_NAME'
            name reserved seq | {"ts": NOW, "metrics": {"seq": 1}}               | metric name 'seq' is reserved
            name reserved ts  | {"ts": NOW, "metrics": {"timestamp": 1}}         | metric name 'timestamp' is reserved
            value string      | {"ts": NOW, "metrics": {"x": "93"}}              | metrics.x is not a number or boolean
            value "NaN"       | {"ts": NOW, "metrics": {"x": "NaN"}}             | metrics.x is not a number or boolean
            value null        | {"ts": NOW, "metrics": {"x": null}}              | metrics.x is not a number or boolean
            value object      | {"ts": NOW, "metrics": {"x": {"v": 1}}}          | metrics.x is not a number or boolean
            value array       | {"ts": NOW, "metrics": {"x": [1]}}               | metrics.x is not a number or boolean
            value infinite    | {"ts": NOW, "metrics": {"x": 1e999}}             | metrics.x is not a finite number
            value bare NaN    | {"ts": NOW, "metrics": {"x": NaN}}               | payload is not valid JSON
            metrics empty     | {"ts": NOW, "metrics": {}}                       | metrics is empty
            metrics array     | {"ts": NOW, "metrics": [1, 2]}                   | metrics must be a JSON object
            metrics number    | {"ts": NOW, "metrics": 5}                        | metrics must be a JSON object
            65 metrics        | {"ts": NOW, "metrics": SIXTY_FIVE}               | more than 64 metrics
            duplicate metric  | {"ts": NOW, "metrics": {"a": 1, "b": 2, "a": 3}} | metrics.a appears twice
            unknown field     | {"ts": NOW, M, "temp": 20}                       | unknown field 'temp'
            unknown object    | {"ts": NOW, M, "meta": {"v": 1}}                 | unknown field 'meta'
            trailing object   | {"ts": NOW, M} {}                                | trailing content
            trailing number   | {"ts": NOW, M} 5                                 | trailing content
            trailing garbage  | {"ts": NOW, M}xyz                                | payload is not valid JSON
            """)
    void decode_invalidPayload_isRefusedNamingTheField(final String name, final String template,
                                                       final String expected) {
        // given
        final String json = fill(template).replace("M", "\"metrics\": {\"a\": 1}");

        // when
        final String message = refusalOf(json);

        // then
        assertThat(message).as(name).contains(fill(expected));
    }

    @Test
    void decode_duplicateTopLevelField_isRefusedLikeADuplicateMetric() {
        // given two ts fields: which one is meant cannot be known (duplicate metric names are refused too)
        final String json = "{\"ts\": " + NOW + ", \"metrics\": {\"a\": 1}, \"ts\": " + (NOW - 60_000) + "}";

        // when
        final String message = refusalOf(json);

        // then
        assertThat(message).contains("ts").contains("twice");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ts  | {"ts": 99999999999999999999, "metrics": {"a": 1}}
            seq | {"ts": NOW, "seq": 99999999999999999999, "metrics": {"a": 1}}
            """)
    void decode_integerTooBigForALong_isRefusedNamingTheField(final String field, final String template) {
        // given a number that does not fit in 64 bits
        final String json = template.replace("NOW", Long.toString(NOW));

        // when
        final String message = refusalOf(json);

        // then every refusal names the field (class javadoc), not only the parser's complaint
        assertThat(message).startsWith(field + " ");
    }

    @Test
    void decode_emptyPayload_isRefused() {
        // given
        // when
        final String message = refusalOf("");

        // then
        assertThat(message).contains("payload is empty");
    }

    @Test
    void payloadException_hasNoStackTrace() {
        // given bad device input is not our failure: no stack trace is filled in
        final PayloadException e = catchThrowableOfType(PayloadException.class, () -> decode("[]"));

        // when
        final StackTraceElement[] trace = e.getStackTrace();

        // then
        assertThat(trace).isEmpty();
    }

}
