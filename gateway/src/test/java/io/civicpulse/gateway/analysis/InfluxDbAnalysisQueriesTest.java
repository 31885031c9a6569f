// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.analysis.AnalysisQueries.Bucket;
import io.civicpulse.gateway.analysis.AnalysisQueries.Latest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.civicpulse.gateway.analysis.FluxTables.perDevice;
import static io.civicpulse.gateway.analysis.FluxTables.point;
import static io.civicpulse.gateway.analysis.FluxTables.table;
import static org.assertj.core.api.Assertions.assertThat;

/** Mapping InfluxDB's result tables (built in memory) to what the analyses ask for. */
class InfluxDbAnalysisQueriesTest {
    private static final Instant T = Instant.parse("2026-03-20T11:00:00Z");

    @Test
    void latest_onePerDevice_theLatestOfEverySeriesAndField() {
        // given last() of each series: bin-a moved from area north to south, so it has two series
        final List<com.influxdb.query.FluxTable> tables = List.of(
                table(List.of(point("bin", "bin-a", "north", "fill_pct", T, 40.0))),
                table(List.of(point("bin", "bin-a", "south", "fill_pct", T.plusSeconds(600), 55.5))),
                table(List.of(point("bin", "bin-b", "north", "fill_pct", T.minusSeconds(60), 12L))));

        // when
        final Map<String, Latest> latest = InfluxDbAnalysisQueries.latest(tables, true);
        final Map<String, Latest> seen = InfluxDbAnalysisQueries.latest(tables, false);

        // then
        assertThat(latest).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bin-a", new Latest(T.plusSeconds(600), 55.5), "bin-b", new Latest(T.minusSeconds(60), 12.0)));
        assertThat(seen.get("bin-a")).isEqualTo(new Latest(T.plusSeconds(600), null));
    }

    @Test
    void readings_countPerDevice() {
        // when
        final Map<String, Long> counts = InfluxDbAnalysisQueries.readings(List.of(
                table(List.of(perDevice("g-1", 264L))), table(List.of(perDevice("g-2", 3L)))));

        // then
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("g-1", 264L, "g-2", 3L));
    }

    @Test
    void buckets_twoAggregatesJoinedByDeviceAndStart_orderedByDeviceThenTime() {
        // given mean current and mean power of two lamps; sl-1 has no power in its second minute
        final Instant m0 = Instant.parse("2026-03-20T08:00:00Z");
        final Instant m1 = m0.plusSeconds(60);
        final List<com.influxdb.query.FluxTable> current = List.of(
                table(List.of(point("streetlight", "sl-2", "north", "lamp_current_a", m0, 0.0))),
                table(List.of(point("streetlight", "sl-1", "north", "lamp_current_a", m1, 0.4),
                        point("streetlight", "sl-1", "north", "lamp_current_a", m0, 0.3))));
        final List<com.influxdb.query.FluxTable> power = List.of(
                table(List.of(point("streetlight", "sl-1", "north", "power_w", m0, 90.0))),
                table(List.of(point("streetlight", "sl-2", "north", "power_w", m0, 0.0))));

        // when
        final List<Bucket> buckets = InfluxDbAnalysisQueries.buckets(List.of(current, power),
                Duration.ofMinutes(1), true);

        // then
        assertThat(buckets).containsExactly(
                new Bucket("sl-1", m0, List.of(0.3, 90.0)),
                new Bucket("sl-1", m1, Arrays.asList(0.4, null)),
                new Bucket("sl-2", m0, List.of(0.0, 0.0)));
    }

    @Test
    void buckets_windowCutByTheRangeStart_isStampedWithTheAlignedStart() {
        // given a range starting 08:07: InfluxDB stamps the first 10-minute window with 08:07 (the range start)
        final Instant cut = Instant.parse("2026-03-20T08:07:00Z");

        // when
        final List<Bucket> buckets = InfluxDbAnalysisQueries.buckets(List.of(List.of(table(List.of(
                point("bin", "bin-a", "north", "fill_pct", cut, 50.0))))), Duration.ofMinutes(10), true);

        // then it is the bucket of 08:00, as QuestDB's SAMPLE BY … ALIGN TO CALENDAR has it
        assertThat(buckets).containsExactly(new Bucket("bin-a", Instant.parse("2026-03-20T08:00:00Z"),
                List.of(50.0)));
    }

    @Test
    void buckets_overAllDevices_haveNoDevice_integerSumsAsNumbers() {
        // when
        final List<Bucket> buckets = InfluxDbAnalysisQueries.buckets(List.of(List.of(table(List.of(
                point("gate", "g-1", "north", "passes", T, 18L))))), Duration.ofHours(1), false);

        // then
        assertThat(buckets).containsExactly(new Bucket(null, T, List.of(18.0)));
    }
}
