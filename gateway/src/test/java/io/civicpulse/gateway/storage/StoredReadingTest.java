// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredReadingTest {
    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void jackson_storedReading_roundTripsAsIs() throws Exception {
        // given
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("fill_pct", 93.5);
        metrics.put("temperature_c", 21.0);
        final StoredReading reading = new StoredReading(Instant.parse("2026-03-01T08:00:00.123Z"), 42, metrics);

        // when
        final String json = mapper.writeValueAsString(reading);

        // then
        assertThat(json).isEqualTo("{\"timestamp\":\"2026-03-01T08:00:00.123Z\",\"sequence\":42,"
                + "\"metrics\":{\"fill_pct\":93.5,\"temperature_c\":21.0}}");
        assertThat(mapper.readValue(json, StoredReading.class)).isEqualTo(reading);
    }

    @Test
    void constructor_nullMetricValue_throws() {
        // given
        final Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("fill_pct", null);

        // when / then
        assertThatThrownBy(() -> new StoredReading(Instant.EPOCH, 1, metrics))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("metric value");
    }
}
