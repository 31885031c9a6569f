// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.analysis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Every analysis answer on the embedded QuestDB with known data ({@link AnalysisFixture}). */
class AnalysisRoutesTest {
    @TempDir
    static Path dir;
    private static AnalysisFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new AnalysisFixture(dir);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void history_fourHoursAt24Points_gives16QuarterHourBucketsWithMinMaxMean() throws Exception {
        // when
        final List<Map<String, Object>> rows = fixture.rows("/api/analysis/devices/sl-1/history"
                + "?from=2026-03-20T08:00:00Z&to=2026-03-20T12:00:00Z&points=24");

        // then
        assertThat(rows).hasSize(16);
        assertThat(rows.get(0)).containsEntry("bucket", "2026-03-20T08:00:00Z").containsEntry("readings", 15)
                .containsEntry("lamp_current_a_min", 0.4).containsEntry("lamp_current_a_max", 0.4)
                .containsEntry("power_w_mean", 100.0);
    }

    @Test
    void bins_currentFillRateAndTimeToFull() throws Exception {
        // when
        final Map<String, Map<String, Object>> bins = byDevice(fixture.rows("/api/analysis/bins"));

        // then bin-a rises 10 %/h from 73.3 %: full (90 %) 100 minutes after its last reading
        assertThat((Double) bins.get("bin-a").get("fill_rate_pct_per_hour")).isCloseTo(10.0, within(0.01));
        assertThat((Double) bins.get("bin-a").get("fill_pct")).isCloseTo(73.33, within(0.01));
        assertThat((Double) bins.get("bin-a").get("hours_to_full")).isCloseTo(1.667, within(0.01));
        assertThat(bins.get("bin-a").get("full_at")).isEqualTo("2026-03-20T13:30:00Z");
        // bin-b was emptied: its rate counts only after the emptying (flat), so no prediction
        assertThat(bins.get("bin-b")).containsEntry("fill_pct", 5.0).containsEntry("fill_rate_pct_per_hour", 0.0)
                .containsEntry("full_at", null);
        // bin-c is full now; bin-d never reported
        assertThat(bins.get("bin-c")).containsEntry("hours_to_full", 0.0);
        assertThat(bins.get("bin-d")).containsEntry("fill_pct", null).containsEntry("measured_at", null);
    }

    @Test
    void binsCollection_nextHours_listsFullAndSoonFullMostUrgentFirst() throws Exception {
        // when / then
        assertThat(fixture.rows("/api/analysis/bins/collection?hours=1")).extracting(r -> r.get("device"))
                .containsExactly("bin-c");
        assertThat(fixture.rows("/api/analysis/bins/collection?hours=2")).extracting(r -> r.get("device"))
                .containsExactly("bin-c", "bin-a");
    }

    @Test
    void streetlights_burnHoursEnergyDarkAndDaytimeMinutes() throws Exception {
        // when: 08:00-12:00 UTC = 16:00-20:00 local; lamps scheduled on from 18:00 local
        final Map<String, Map<String, Object>> lamps = byDevice(fixture.rows("/api/analysis/streetlights"
                + "?from=2026-03-20T08:00:00Z&to=2026-03-20T12:00:00Z"));

        // then sl-1 burns all 4 h at 100 W (2 h of it in daylight); sl-2 stays dark for the 2 scheduled hours
        assertThat(lamps.get("sl-1")).containsEntry("burn_hours", 4.0).containsEntry("energy_kwh", 0.4)
                .containsEntry("dark_minutes", 0.0).containsEntry("daytime_burn_minutes", 120.0)
                .containsEntry("segment", "seg-01");
        assertThat(lamps.get("sl-2")).containsEntry("burn_hours", 0.0).containsEntry("dark_minutes", 120.0)
                .containsEntry("daytime_burn_minutes", 0.0);
        assertThat(fixture.rows("/api/analysis/streetlights/daytime?from=2026-03-20T08:00:00Z"
                + "&to=2026-03-20T12:00:00Z")).extracting(r -> r.get("device")).containsExactly("sl-1");
        assertThat(fixture.rows("/api/analysis/streetlights/segments?from=2026-03-20T08:00:00Z"
                + "&to=2026-03-20T12:00:00Z")).containsExactly(Map.of("segment", "seg-01", "lamps", 2,
                "dark_minutes", 120.0, "daytime_burn_minutes", 120.0, "energy_kwh", 0.4));
    }

    @Test
    void gates_trafficPerHourOfDayAndHeldOpenMinutes() throws Exception {
        // when
        final List<Map<String, Object>> traffic = fixture.rows("/api/analysis/gates/traffic");
        final List<Map<String, Object>> heldOpen = fixture.rows("/api/analysis/gates/held-open");

        // then 3 passes every 10 minutes: 18 in every hour of the day
        assertThat(traffic).hasSize(24).allSatisfy(r -> assertThat(r).containsEntry("passes", 18)
                .containsEntry("mean_passes_per_hour", 18.0));
        // and one 8-minute opening, 3 minutes beyond the 5-minute limit
        assertThat(heldOpen).containsExactly(Map.of("device", "g-1", "open_minutes", 8, "held_open_minutes", 3,
                "held_open_episodes", 1, "longest_open_minutes", 8));
    }

    @Test
    void fleet_lastSeenUptimeAndSilentDevices() throws Exception {
        // when
        final Map<String, Map<String, Object>> fleet = byDevice(fixture.rows("/api/analysis/fleet?window=1h"));

        // then
        assertThat(fleet.get("sl-1")).containsEntry("last_seen", "2026-03-20T11:59:00Z")
                .containsEntry("readings", 60).containsEntry("uptime_pct", 100.0).containsEntry("silent", false);
        assertThat(fleet.get("bin-a")).containsEntry("readings", 6).containsEntry("silent", false);
        assertThat(fleet.get("bin-d")).containsEntry("last_seen", null).containsEntry("uptime_pct", 0.0)
                .containsEntry("silent", true);
        assertThat(fixture.rows("/api/analysis/fleet?silent=true")).extracting(r -> r.get("device"))
                .containsExactly("bin-d");
    }

    @Test
    void csv_byFormatParameterOrAcceptHeader_hasHeaderAndRows() throws Exception {
        // when
        final HttpResponse<String> byParam = fixture.get("/api/analysis/gates/held-open?format=csv", null);
        final HttpResponse<String> byHeader = fixture.get("/api/analysis/gates/held-open", "text/csv");

        // then
        assertThat(byParam.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("text/csv"));
        assertThat(byParam.body()).isEqualTo("device,open_minutes,held_open_minutes,held_open_episodes,"
                + "longest_open_minutes\r\ng-1,8,3,1,8\r\n");
        assertThat(byHeader.body()).isEqualTo(byParam.body());
    }

    @Test
    void badParameters_are400NamingTheParameter_unknownDevice404() throws Exception {
        // when / then
        assertBadRequest("/api/analysis/devices/sl-1/history?from=yesterday", "from=yesterday");
        assertBadRequest("/api/analysis/devices/sl-1/history?points=5", "points=5");
        assertBadRequest("/api/analysis/devices/sl-1/history?from=1774000000000000", "micro- or nanoseconds");
        assertBadRequest("/api/analysis/streetlights?from=2026-03-20T12:00:00Z&to=2026-03-20T08:00:00Z", "from");
        assertBadRequest("/api/analysis/bins/collection?hours=0", "hours=0");
        assertBadRequest("/api/analysis/bins?window=forever", "window=forever");
        assertBadRequest("/api/analysis/fleet?silent=maybe", "silent=maybe");
        assertBadRequest("/api/analysis/fleet?format=xml", "format=xml");
        assertBadRequest("/api/analysis/gates/traffic?from=2020-01-01T00:00:00Z", "at most 366 days");
        assertThat(fixture.get("/api/analysis/devices/nope/history", null).statusCode()).isEqualTo(404);
    }

    private static void assertBadRequest(final String path, final String named) throws Exception {
        final HttpResponse<String> response = fixture.get(path, null);
        assertThat(response.statusCode()).as(path).isEqualTo(400);
        assertThat(response.body()).as(path).contains(named);
    }

    private static Map<String, Map<String, Object>> byDevice(final List<Map<String, Object>> rows) {
        final Map<String, Map<String, Object>> m = new java.util.TreeMap<>();
        rows.forEach(r -> m.put((String) r.get("device"), r));
        return m;
    }
}
