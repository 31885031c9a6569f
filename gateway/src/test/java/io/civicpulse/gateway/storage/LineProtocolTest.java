// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineProtocolTest {
    private static final long TS = 1_764_266_400_000L;
    private static final DeviceTags NO_AREA = DeviceTags.NONE;

    @Test
    void encode_readingWithSequence_writesTagsFloatFieldsIntegerSeqAndMillis() {
        // given
        final Reading reading = new Reading("oak-park", "bin", "bin-7", TS, 42, ordered("fill_pct", 93.5));

        // when
        final String line = LineProtocol.encode(List.of(reading), id -> "bin-7".equals(id) ? "south" : "");

        // then
        assertThat(line).isEqualTo("bin,area=south,community=oak-park,device=bin-7,type=bin fill_pct=93.5,seq=42i "
                + "1764266400000");
    }

    @Test
    void encode_declaredIntegerFields_areWrittenWithTheIntegerSuffix() {
        // given a gate reading: counters and a flag are declared integers, the battery a float
        final Reading reading = new Reading("c", "gate", "g1", TS, Reading.NO_SEQUENCE,
                ordered("passes", 12.0, "door_open", 1.0, "failed_access", 0.0, "battery_pct", 88.0));

        // when
        final String line = LineProtocol.encode(List.of(reading), NO_AREA);

        // then
        assertThat(line.split(" ")[1].split(",")).containsExactlyInAnyOrder("passes=12i", "door_open=1i",
                "failed_access=0i", "battery_pct=88.0");
    }

    @Test
    void encode_integerFieldWithFraction_isRefusedNamingTheField() {
        // given
        final Reading reading = new Reading("c", "gate", "g1", TS, 1, ordered("passes", 2.5));

        // when / then
        assertThatThrownBy(() -> LineProtocol.encode(List.of(reading), NO_AREA))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("integer field passes");
    }

    @Test
    void encode_timestampInSecondsOrNanoseconds_isRefusedInsteadOfLandingIn1970() {
        // given
        final Reading seconds = new Reading("c", "bin", "b1", TS / 1000, 1, ordered("fill_pct", 1.0));
        final Reading nanos = new Reading("c", "bin", "b1", TS * 1_000_000, 1, ordered("fill_pct", 1.0));

        // when / then
        assertThatThrownBy(() -> LineProtocol.encode(List.of(seconds), NO_AREA))
                .hasMessageContaining("outside 2000-2099 in epoch milliseconds");
        assertThatThrownBy(() -> LineProtocol.encode(List.of(nanos), NO_AREA))
                .hasMessageContaining("outside 2000-2099 in epoch milliseconds");
    }

    @Test
    void encode_integralValuesOfFloatFields_areWrittenAsFloats() {
        // given
        final Reading reading = new Reading("c", "gate", "g1", TS, Reading.NO_SEQUENCE,
                ordered("open", 1.0, "count", 12.0, "big", 1.0e10, "tiny", 1.0e-5, "neg", -0.0));

        // when
        final String line = LineProtocol.encode(List.of(reading), NO_AREA);

        // then
        final String[] parts = line.split(" ");
        assertThat(parts).hasSize(3);
        assertThat(parts[0]).isEqualTo("gate,community=c,device=g1,type=gate");
        assertThat(parts[1].split(",")).containsExactlyInAnyOrder("open=1.0", "count=12.0", "big=1.0E10",
                "tiny=1.0E-5", "neg=-0.0");
        assertThat(parts[2]).isEqualTo(Long.toString(TS));
    }

    @Test
    void encode_noSequence_omitsSeqField() {
        // given
        final Reading reading = new Reading("c", "streetlight", "sl-1", TS, Reading.NO_SEQUENCE,
                ordered("lamp_current_a", 0.42));

        // when
        final String line = LineProtocol.encode(List.of(reading), NO_AREA);

        // then
        assertThat(line).isEqualTo("streetlight,community=c,device=sl-1,type=streetlight lamp_current_a=0.42 " + TS);
    }

    @Test
    void encode_twoReadings_joinsLinesWithoutTrailingNewline() {
        // given
        final Reading first = new Reading("c", "bin", "b1", TS, 1, ordered("fill_pct", 1.0));
        final Reading second = new Reading("c", "bin", "b2", TS + 1, 2, ordered("fill_pct", 2.0));

        // when
        final String lines = LineProtocol.encode(List.of(first, second), NO_AREA);

        // then
        assertThat(lines).isEqualTo("bin,community=c,device=b1,type=bin fill_pct=1.0,seq=1i " + TS + "\n"
                + "bin,community=c,device=b2,type=bin fill_pct=2.0,seq=2i " + (TS + 1));
    }

    @Test
    void encode_specialCharactersInTags_areEscaped() {
        // given
        final Reading reading = new Reading("a b,c=d\\e", "bin", "x=y z", TS, Reading.NO_SEQUENCE,
                ordered("fill_pct", 1.0));

        // when
        final String line = LineProtocol.encode(List.of(reading), NO_AREA);

        // then
        assertThat(line).isEqualTo("bin,community=a\\ b\\,c\\=d\\\\e,device=x\\=y\\ z,type=bin fill_pct=1.0 " + TS);
    }

    @Test
    void appendEscaped_measurement_keepsEqualsSign() {
        // given
        final StringBuilder measurement = new StringBuilder();
        final StringBuilder key = new StringBuilder();

        // when
        LineProtocol.appendEscaped(measurement, "a=b c,d", false);
        LineProtocol.appendEscaped(key, "a=b c,d", true);

        // then
        assertThat(measurement).hasToString("a=b\\ c\\,d");
        assertThat(key).hasToString("a\\=b\\ c\\,d");
    }

    @Test
    void encode_invalidReading_throwsWithoutEncoding() {
        // given
        final Reading good = new Reading("c", "bin", "b1", TS, 1, ordered("fill_pct", 1.0));
        final Reading reserved = new Reading("c", "bin", "b2", TS, 1, ordered("seq", 1.0));

        // when / then
        assertThatThrownBy(() -> LineProtocol.encode(List.of(good, reserved), NO_AREA))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("b2").hasMessageContaining("'seq'");
    }

    /** Reading copies the map with Map.copyOf: with several metrics the field order on the line is not fixed. */
    private static Map<String, Double> ordered(final Object... namesAndValues) {
        final Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put((String) namesAndValues[i], (Double) namesAndValues[i + 1]);
        }
        return map;
    }
}
