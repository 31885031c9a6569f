// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicpulse.simulators.testsupport.FlatJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TelemetryPayloadTest {

    @Test
    void json_reading_hasProtocolShape() {
        final Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("fill_pct", 93.5);
        metrics.put("temperature_c", 21.0);
        metrics.put("battery_pct", 88L);

        final String json = TelemetryPayload.json(1_764_266_400_000L, 42, metrics);

        assertThat(json).isEqualTo("{\"ts\":1764266400000,\"seq\":42,"
                + "\"metrics\":{\"fill_pct\":93.5,\"temperature_c\":21,\"battery_pct\":88}}");
        final Map<String, Object> parsed = FlatJson.parseObject(json);
        assertThat(parsed).containsOnlyKeys("ts", "seq", "metrics");
        assertThat(parsed.get("ts")).isEqualTo(1_764_266_400_000L);
        assertThat(parsed.get("seq")).isEqualTo(42L);
        assertThat(parsed.get("metrics")).isEqualTo(Map.of("fill_pct", 93.5, "temperature_c", 21L, "battery_pct", 88L));
    }

    @Test
    void bytes_everyModel_parsesBackWithValidNamesAndNumbers() {
        for (final DeviceType type : DeviceType.values()) {
            final DeviceModel model = DeviceModels.create(type, 42, type.deviceId(1, 1));
            for (int i = 0; i < 20; i++) {
                final SampleTime time = new SampleTime(1_764_266_400_000L + i * 10_000L, 20 * 60, true);

                final byte[] payload = TelemetryPayload.bytes(time.epochMillis(), i, model.sample(time));

                final Map<String, Object> parsed = FlatJson.parseObject(new String(payload, StandardCharsets.UTF_8));
                assertThat(parsed.get("seq")).isEqualTo((long) i);
                @SuppressWarnings("unchecked")
                final Map<String, Object> values = (Map<String, Object>) parsed.get("metrics");
                assertThat(values).isNotEmpty().allSatisfy((name, value) -> {
                    assertThat(name).matches(TelemetryPayload.METRIC_NAME);
                    assertThat(value).isInstanceOf(Number.class);
                });
            }
        }
    }

    @Test
    void json_smallAndLargeValues_stayValidJsonNumbers() {
        final Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put("tiny", 0.0001);
        metrics.put("huge", 1.5e20);
        metrics.put("negative", -3.25);

        final Map<String, Object> parsed = FlatJson.parseObject(TelemetryPayload.json(1_764_266_400_000L, 0, metrics));

        assertThat(parsed.get("metrics")).isEqualTo(Map.of("tiny", 0.0001, "huge", 1.5e20, "negative", -3.25));
    }

    @Test
    void json_badInput_refusedWithReason() {
        assertThatThrownBy(() -> TelemetryPayload.json(1L, 0, Map.of()))
                .hasMessage("a reading needs 1..64 metrics, got 0");
        assertThatThrownBy(() -> TelemetryPayload.json(1L, 0, Map.of("Fill", 1)))
                .hasMessageContaining("metric name 'Fill' does not match");
        assertThatThrownBy(() -> TelemetryPayload.json(1L, 0, Map.of("fill_pct", Double.NaN)))
                .hasMessage("metric value NaN is not a finite number");
    }

    @Test
    void deviceModels_sameSeed_sameBehaviour() {
        final DeviceModel first = DeviceModels.create(DeviceType.BIN, 7, "bin-001");
        final DeviceModel second = DeviceModels.create(DeviceType.BIN, 7, "bin-001");
        final DeviceModel other = new BinModel(new SplittableRandom(99));
        final SampleTime time = new SampleTime(1_764_266_400_000L, 600, false);

        assertThat(first.sample(time)).isEqualTo(second.sample(time)).isNotEqualTo(other.sample(time));
    }
}
