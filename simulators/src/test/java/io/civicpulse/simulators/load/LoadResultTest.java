// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.civicpulse.simulators.testsupport.FlatJson;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadResultTest {

    private static final LoadResult QOS1 = new LoadResult("5", 1, 100, 100, 100, 0, 100, 60.5, 1_200_000,
            1_199_990, 0, 10, 19_834.5, 1_199_990, 1.25, 4.5, 9.75, 120.0, "steady");

    @Test
    void json_parsesBackWithEveryField() {
        final Map<String, Object> json = FlatJson.parseObject(QOS1.json());

        assertThat(json).containsEntry("protocol", "5").containsEntry("qos", 1L).containsEntry("acked", 1_199_990L)
                .containsEntry("messagesPerSecond", 19_834.5).containsEntry("p99Millis", 9.75)
                .containsEntry("maxMillis", 120.0).containsEntry("profile", "steady").hasSize(19);
    }

    @Test
    void table_qos1_showsLatencies_qos0_showsSentRate() {
        assertThat(QOS1.table()).contains("acked msg/s      19835").contains("latency p95      4.50 ms")
                .contains("target rate      unlimited");
        final LoadResult qos0 = new LoadResult("3.1.1", 0, 10, 10, 100, 5000, 100, 3, 15_000, 15_000, 0, 0,
                5_000, 0, 0, 0, 0, 0, "burst:20000/5s/30s");
        assertThat(qos0.table()).contains("sent msg/s       5000").contains("written          15000")
                .doesNotContain("latency");
    }

    @Test
    void payload_paddedWithWhitespace_staysTheSameReading() {
        final byte[] plain = LoadConnection.payload(1_764_266_400_000L, 7, 0);
        final byte[] padded = LoadConnection.payload(1_764_266_400_000L, 7, 300);

        assertThat(padded).hasSize(300);
        assertThat(FlatJson.parseObject(new String(padded, StandardCharsets.UTF_8)))
                .isEqualTo(FlatJson.parseObject(new String(plain, StandardCharsets.UTF_8)));
        assertThat(plain.length).isBetween(90, 110);
    }

    @Test
    void loadOptions_defaultsAndValidation() {
        final LoadOptions defaults = LoadOptions.builder().build();
        assertThat(defaults.devices()).isEqualTo(100);
        assertThat(defaults.window()).isEqualTo(100);
        assertThat(defaults.effectiveIdDigits()).isEqualTo(3);
        assertThat(LoadOptions.builder().devices(1000).build().effectiveIdDigits()).isEqualTo(4);

        assertThatThrownBy(() -> LoadOptions.builder().window(0).build())
                .hasMessage("window must be within 1..10000, was 0");
        assertThatThrownBy(() -> LoadOptions.builder().devices(1000).idDigits(3).build())
                .hasMessage("idDigits must be 0 (automatic) or fit 1000 devices, was 3");
        assertThatThrownBy(() -> LoadOptions.builder().rate(-1).build())
                .hasMessage("rate must be 0 (unlimited) or positive, was -1.0");
    }
}
