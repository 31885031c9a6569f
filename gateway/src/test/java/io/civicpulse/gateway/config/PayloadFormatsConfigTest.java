// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.config;

import io.civicpulse.gateway.ingest.format.DefaultFieldMaps;
import io.civicpulse.gateway.ingest.format.FieldMapping;
import io.civicpulse.gateway.ingest.format.FormatOptions;
import io.civicpulse.gateway.ingest.format.FormatRoute;
import io.civicpulse.gateway.ingest.format.PayloadFormats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code ingest.formats} and {@code ingest.fieldMaps}: defaults, the sample, overrides and every mistake. */
class PayloadFormatsConfigTest {
    @TempDir
    Path dir;

    private String failureOf(final String yaml) {
        final ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigFolder.load(dir, yaml));
        assertThat(e).as("must be refused:%n%s", yaml).isNotNull();
        return e.getMessage();
    }

    @Test
    void load_sampleConfig_writesOutTheBuiltInFormatsAndMaps() throws Exception {
        // given the shipped sample
        final Path sample = ConfigFolder.copySample(dir);

        // when
        final GatewayConfig c = GatewayConfigLoader.load(List.of(sample), Map.of(), Map.of());

        // then
        assertThat(c.formats()).isEqualTo(FormatOptions.defaults());
    }

    @Test
    void load_noFormatKeys_isTheDefault() throws Exception {
        // given
        // when
        final GatewayConfig c = ConfigFolder.load(dir, "");

        // then every mapped format has a map, and every format name can be built
        assertThat(c.formats()).isEqualTo(FormatOptions.defaults());
        assertThat(c.formats().fieldMaps().keySet()).isEqualTo(PayloadFormats.MAPPED);
        assertThat(PayloadFormats.NAMES).containsAll(PayloadFormats.MAPPED);
    }

    @Test
    void load_ownRoutesAndMap_replaceTheDefaultsOfThatFormatOnly() throws Exception {
        // given
        final String yaml = """
                ingest:
                  formats:
                    - {filter: "cp/+/+/+/telemetry", format: native}
                    - {filter: "chirpstack/application/+/device/+/event/up", format: chirpstack-v4}
                  fieldMaps:
                    chirpstack-v4:
                      - {field: level, metric: fill_pct, scale: -0.125, offset: 100, min: 0, max: 100}
                      - {field: status, metric: door_open, values: {Open: 1, shut: 0}}
                """;

        // when
        final GatewayConfig c = ConfigFolder.load(dir, yaml);

        // then
        assertThat(c.formats().routes()).containsExactly(new FormatRoute("cp/+/+/+/telemetry", "native"),
                new FormatRoute("chirpstack/application/+/device/+/event/up", "chirpstack-v4"));
        assertThat(c.formats().fieldMap("chirpstack-v4")).containsExactly(
                FieldMapping.of("level", "fill_pct").withLinear(-0.125, 100, 0, 100),
                FieldMapping.of("status", "door_open").withValues(Map.of("open", 1.0, "shut", 0.0)));
        assertThat(c.formats().fieldMap("ttn-v3")).isEqualTo(DefaultFieldMaps.DECODED_OBJECTS);
        assertThat(c.formats().fieldMap("senml")).isEqualTo(DefaultFieldMaps.SENML);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            ingest: {formats: [{filter: "cp/#/x", format: native}]}            | ingest.formats[0].filter: 'cp/#/x'
            ingest: {formats: [{filter: "$share/g/a", format: native}]}        | ingest.formats[0].filter: '$share/g/a'
            ingest: {formats: [{filter: "a/+", format: lwm2m}]}                | ingest.formats[0].format: 'lwm2m'
            ingest: {formats: [{filter: "a/+"}]}                               | ingest.formats[0].format: 'null'
            ingest: {formats: [{filter: "a/+", format: native, qos: 1}]}       | ingest.formats[0].qos: '1'
            ingest: {formats: [{filter: a, format: native}, {filter: a, format: senml}]} | ingest.formats[1].filter: 'a'
            ingest: {formats: []}                                              | ingest.formats: '[]'
            ingest: {formats: native}                                          | ingest.formats: '"native"'
            ingest: {fieldMaps: {native: [{field: a, metric: b}]}}             | ingest.fieldMaps.native: 'native'
            ingest: {fieldMaps: {senml: []}}                                   | ingest.fieldMaps.senml: '[]'
            ingest: {fieldMaps: {ttn-v3: [{field: t, unit: Cel, metric: t_c}]}} | ingest.fieldMaps.ttn-v3[0].unit: 'Cel'
            ingest: {fieldMaps: {ttn-v3: [{field: t, metric: Temp}]}}          | metric 'Temp' is not a metric name
            ingest: {fieldMaps: {ttn-v3: [{field: t, metric: t_c, scale: 0}]}} | scale 0.0 must be a finite number
            ingest: {fieldMaps: {ttn-v3: [{field: t, metric: t_c, scale: x}]}} | ingest.fieldMaps.ttn-v3[0].scale: '"x"'
            ingest: {fieldMaps: {ttn-v3: [{metric: t_c}]}}                     | field (or, for SenML, unit) is missing
            ingest: {fieldMaps: {ttn-v3: [{field: t, metric: t_c, values: {a: b}}]}} | ttn-v3[0].values.a: '"b"'
            ingest: {fieldMaps: {ttn-v3: [{field: t, metric: t_c, colour: red}]}} | ingest.fieldMaps.ttn-v3[0].colour
            """)
    void load_badFormatConfig_failsNamingTheKey(final String yaml, final String expected) {
        // given
        // when
        final String message = failureOf(yaml);

        // then
        assertThat(message).contains(expected);
    }
}
