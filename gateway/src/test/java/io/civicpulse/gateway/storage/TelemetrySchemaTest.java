// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import io.civicpulse.rules.model.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TelemetrySchemaTest {
    private static final long TS = 1_764_266_400_000L;

    @ParameterizedTest
    @ValueSource(strings = {"bin", "streetlight", "gate", "air_quality2"})
    void requireValidDeviceType_snakeCase_isAccepted(final String type) {
        // when / then
        assertThat(TelemetrySchema.requireValidDeviceType(type)).isEqualTo(type);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bin", "2bin", "bin-1", "bin;drop table bin", "bin\"", "_bin", "bïn"})
    void requireValidDeviceType_otherText_throws(final String type) {
        // when / then
        assertThatThrownBy(() -> TelemetrySchema.requireValidDeviceType(type))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device type");
    }

    @Test
    void isValidName_longerThan64_isFalse() {
        // given
        final String name64 = "a".repeat(64);

        // when / then
        assertThat(TelemetrySchema.isValidName(name64)).isTrue();
        assertThat(TelemetrySchema.isValidName(name64 + "a")).isFalse();
    }

    @Test
    void validate_wellFormedReading_passes() {
        // given
        final Reading reading = new Reading("oak-park", "bin", "bin-7", TS, 0, Map.of("fill_pct", 93.5));

        // when / then
        assertThatCode(() -> TelemetrySchema.validate(reading)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"seq", "device", "community", "timestamp", "Fill", "fill pct"})
    void validate_reservedOrMalformedMetricName_throws(final String name) {
        // given
        final Reading reading = new Reading("c", "bin", "b1", TS, 1, Map.of(name, 1.0));

        // when / then
        assertThatThrownBy(() -> TelemetrySchema.validate(reading))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(name);
    }

    @Test
    void validate_nonFiniteValue_throws() {
        // given
        final Reading reading = new Reading("c", "bin", "b1", TS, 1, Map.of("fill_pct", Double.NaN));

        // when / then
        assertThatThrownBy(() -> TelemetrySchema.validate(reading))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite");
    }

    @Test
    void validate_emptyMetricsNegativeSequenceOrLineBreak_throws() {
        // given
        final Reading empty = new Reading("c", "bin", "b1", TS, 1, Map.of());
        final Reading negative = new Reading("c", "bin", "b1", TS, -2, Map.of("fill_pct", 1.0));
        final Reading lineBreak = new Reading("c", "bin", "b1\nbin,community=x", TS, 1, Map.of("fill_pct", 1.0));

        // when / then
        assertThatThrownBy(() -> TelemetrySchema.validate(empty)).hasMessageContaining("no metrics");
        assertThatThrownBy(() -> TelemetrySchema.validate(negative)).hasMessageContaining("negative");
        assertThatThrownBy(() -> TelemetrySchema.validate(lineBreak)).hasMessageContaining("line break");
    }
}
