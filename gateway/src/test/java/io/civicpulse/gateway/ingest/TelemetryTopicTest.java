// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.ingest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryTopicTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cp/lakeside/bin/bin-001/telemetry           | lakeside    | bin         | bin-001
            cp/riverside-2/streetlight/sl.7/telemetry   | riverside-2 | streetlight | sl.7
            cp/c/gate/g/telemetry                       | c           | gate        | g
            """)
    void parse_telemetryTopic_givesItsParts(final String topic, final String community, final String type,
                                            final String id) {
        // given
        // when
        final TelemetryTopic t = TelemetryTopic.parse(topic);

        // then
        assertThat(t).isEqualTo(new TelemetryTopic(community, type, id));
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "",
        "cp/telemetry",
        "cp/lakeside/bin/bin-001",
        "cp/lakeside/bin/bin-001/telemetry/extra",
        "cp/lakeside/bin/bin-001/x/telemetry",
        "cp/lakeside/bin/telemetry",
        "lakeside/bin/bin-001/telemetry",
        "/cp/lakeside/bin/bin-001/telemetry",
        "CP/lakeside/bin/bin-001/telemetry",
        "cp/lakeside/bin/bin-001/Telemetry",
        "cp/lakeside/bin/bin-001/telemetryx",
        "cp//bin/bin-001/telemetry",
        "cp/lakeside//bin-001/telemetry",
        "cp/lakeside/bin//telemetry",
        "cp/lakeside/bin/bin-001/cmd",
        "cp/lakeside/alerts/district-lighting",
    })
    void parse_otherTopic_isNull(final String topic) {
        // given
        // when
        final TelemetryTopic t = TelemetryTopic.parse(topic);

        // then
        assertThat(t).isNull();
    }
}
