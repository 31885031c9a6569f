// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import io.civicpulse.gateway.analysis.AnalysisQueries.Aggregate;
import io.civicpulse.gateway.analysis.AnalysisQueries.BucketQuery;
import io.civicpulse.gateway.analysis.AnalysisQueries.Fn;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Flux the analysis API sends to InfluxDB: schema names, range, filters, and values escaped. */
class FluxTextTest {
    private static final Instant FROM = Instant.parse("2026-03-20T08:00:00Z");
    private static final Instant TO = Instant.parse("2026-03-20T12:00:00Z");

    @Test
    void buckets_perDevice_rangeFilterGroupAndWindow() {
        // when
        final String flux = InfluxDbAnalysisQueries.bucketsFlux("telemetry", new BucketQuery("streetlight",
                List.of(new Aggregate("lamp_current_a", Fn.MEAN)), FROM, TO, Duration.ofMinutes(10), null, true),
                new Aggregate("lamp_current_a", Fn.MEAN));

        // then
        assertThat(flux).isEqualTo("""
                from(bucket: "telemetry")
                 |> range(start: 2026-03-20T08:00:00Z, stop: 2026-03-20T12:00:00Z)
                 |> filter(fn: (r) => r._measurement == "streetlight" and r._field == "lamp_current_a")
                 |> group(columns: ["device", "_field"])
                 |> aggregateWindow(every: 600s, fn: mean, timeSrc: "_start", createEmpty: false)""");
    }

    @Test
    void buckets_overAllDevicesOfOneGate_groupByFieldOnlyAndFilterTheDevice() {
        // when
        final String flux = InfluxDbAnalysisQueries.bucketsFlux("telemetry", new BucketQuery("gate",
                List.of(new Aggregate("passes", Fn.SUM)), FROM, TO, Duration.ofHours(1), "g-1", false),
                new Aggregate("passes", Fn.SUM));

        // then
        assertThat(flux).contains("r._measurement == \"gate\" and r._field == \"passes\" and r.device == \"g-1\")")
                .contains("|> group(columns: [\"_field\"])")
                .contains("aggregateWindow(every: 3600s, fn: sum,");
    }

    @Test
    void deviceFromARequest_isEscaped_soItCannotEndTheStringOrInterpolate() {
        // given a device parameter that tries to widen the filter, and one that tries string interpolation
        final String widen = "x\" or r.device != \"x";
        final String interpolate = "${r._value}\\";

        // when
        final String a = FluxText.rows("telemetry", FROM, TO, "gate", "passes", widen);
        final String b = FluxText.rows("telemetry", FROM, TO, "gate", "passes", interpolate);

        // then the value stays one string literal
        assertThat(a).contains("r.device == \"x\\\" or r.device != \\\"x\")");
        assertThat(b).contains("r.device == \"\\${r._value}\\\\\")");
    }

    @Test
    void bucketName_isEscapedToo() {
        assertThat(FluxText.rows("tele\"metry", FROM, TO, "bin", null, null))
                .startsWith("from(bucket: \"tele\\\"metry\")\n");
    }

    @Test
    void range_timesInUtc_clampedToWhatInfluxDbCanStore() {
        // when / then
        assertThat(FluxText.time(Instant.parse("2026-03-20T08:00:00.123Z"))).isEqualTo("2026-03-20T08:00:00.123Z");
        assertThat(FluxText.time(Instant.ofEpochMilli(999_999_999_999_999L))).isEqualTo(
                "2262-04-11T23:47:16.854775807Z");
        assertThat(FluxText.time(Instant.parse("1000-01-01T00:00:00Z"))).isEqualTo("1677-09-21T00:12:43.145224192Z");
        assertThat(FluxText.nonEmpty(Instant.parse("3000-01-01T00:00:00Z"), Instant.parse("3000-01-02T00:00:00Z")))
                .isFalse();
        assertThat(FluxText.nonEmpty(FROM, TO)).isTrue();
    }

    @Test
    void latest_fromTheEarliestStorableReadingToBefore_lastPerSeries() {
        // when
        final String withField = InfluxDbAnalysisQueries.latestFlux("telemetry", "bin", "fill_pct", TO);
        final String anyField = InfluxDbAnalysisQueries.latestFlux("telemetry", "bin", null, TO);

        // then
        assertThat(withField).isEqualTo("""
                from(bucket: "telemetry")
                 |> range(start: 2000-01-01T00:00:00Z, stop: 2026-03-20T12:00:00Z)
                 |> filter(fn: (r) => r._measurement == "bin" and r._field == "fill_pct")
                 |> last()""");
        assertThat(anyField).contains("|> filter(fn: (r) => r._measurement == \"bin\")\n");
    }

    @Test
    void readings_distinctTimestampsPerDevice() {
        // when
        final String flux = InfluxDbAnalysisQueries.readingsFlux("telemetry", "gate", FROM, TO);

        // then one point per field shares the reading's timestamp: count distinct times per device, without
        // _value (an integer and a float field cannot be grouped into one table)
        assertThat(flux).endsWith(" |> filter(fn: (r) => r._measurement == \"gate\")\n"
                + " |> keep(columns: [\"_time\", \"device\"])\n |> group(columns: [\"device\"])\n"
                + " |> distinct(column: \"_time\")\n |> count()");
    }

    @Test
    void history_oneDeviceEveryField_groupedByFieldOnly() {
        // when
        final String flux = InfluxDbHistory.flux("telemetry", "streetlight", "sl-\"1", FROM, TO,
                Duration.ofMinutes(15), "mean");

        // then
        assertThat(flux).isEqualTo("from(bucket: \"telemetry\")\n"
                + " |> range(start: 2026-03-20T08:00:00Z, stop: 2026-03-20T12:00:00Z)\n"
                + " |> filter(fn: (r) => r._measurement == \"streetlight\" and r.device == \"sl-\\\"1\")\n"
                + " |> group(columns: [\"_field\"])\n"
                + " |> aggregateWindow(every: 900s, fn: mean, timeSrc: \"_start\", createEmpty: false)");
    }

    @Test
    void durations_wholeSecondsOrMilliseconds() {
        assertThat(FluxText.duration(Duration.ofMinutes(1))).isEqualTo("60s");
        assertThat(FluxText.duration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }
}
