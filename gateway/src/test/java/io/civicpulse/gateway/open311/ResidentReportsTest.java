// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import com.fasterxml.jackson.databind.JsonNode;
import io.civicpulse.gateway.issues.IssueDetail;
import io.civicpulse.gateway.issues.IssueState;
import io.civicpulse.gateway.issues.TimelineEvent;
import io.civicpulse.gateway.issues.TimelineEventType;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/reports} and {@code GET /api/reports/{token}}: merging (§2.6), opening, validation. */
class ResidentReportsTest extends PublicApiFixture {
    /** Far from every registered bin (≈ 1 km north of the community), so no asset snaps. */
    private static final String FAR_LAT = "30.2850";
    private static final String FAR_LON = "120.1560";

    @Test
    void submit_farFromAssets_opensIssueOnTheSensorPath() throws Exception {
        final HttpResponse<String> r = postJson("/api/reports", report("WB-04", FAR_LAT, FAR_LON, "垃圾堆在路边"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        final JsonNode body = json(r);
        assertThat(body.path("merged").asBoolean()).isFalse();
        final IssueDetail d = sensors.find(body.path("issueId").asText()).orElseThrow();
        assertThat(d.issue().state()).isEqualTo(IssueState.DISPATCHED);
        assertThat(d.issue().deviceId()).isNull();
        assertThat(d.timeline()).extracting(TimelineEvent::type).containsExactly(TimelineEventType.OPENED,
                TimelineEventType.TRIAGED, TimelineEventType.REGISTERED, TimelineEventType.DISPATCHED);
        assertThat(d.assignments()).extracting(a -> a.bodyId()).containsExactly("sanitation-contractor",
                "district-city-management");
        assertThat(d.issue().disposeDeadline()).isNotNull();
        assertThat(alerts).anyMatch(e -> e.issueId().equals(d.issue().id()) && "DISPATCHED".equals(e.eventType()));
    }

    @Test
    void submit_secondReportWithinRadius_mergesIntoTheFirst() throws Exception {
        final String first = json(postJson("/api/reports", report("WB-04", FAR_LAT, FAR_LON, "a"))).path("issueId")
                .asText();

        // ≈ 22 m further north: inside the 50 m waste radius.
        final JsonNode second = json(postJson("/api/reports", report("WB-04", "30.2852", FAR_LON, "b")));
        // ≈ 330 m away: a separate problem.
        final JsonNode third = json(postJson("/api/reports", report("WB-04", "30.2880", FAR_LON, "c")));

        assertThat(second.path("merged").asBoolean()).isTrue();
        assertThat(second.path("issueId").asText()).isEqualTo(first);
        assertThat(third.path("merged").asBoolean()).isFalse();
        assertThat(sensors.find(first).orElseThrow().issue().occurrenceCount()).isEqualTo(2);
    }

    @Test
    void submit_nearLampWithSensorIssue_snapsToTheAssetAndMerges() throws Exception {
        final String sensorIssue = sensorIssue("sl-001", "streetlight", "SL-01");

        // 3 m from sl-001, 22 m from sl-002: snaps to sl-001.
        final JsonNode r = json(postJson("/api/reports", report("SL-01", "30.271440", "120.156241", "灯不亮")));

        assertThat(r.path("merged").asBoolean()).isTrue();
        assertThat(r.path("issueId").asText()).isEqualTo(sensorIssue);
        assertThat(sensors.find(sensorIssue).orElseThrow().issue().state()).isEqualTo(IssueState.DISPATCHED);
    }

    @Test
    void submit_namedAssetInSameFamily_mergesIntoTheSensorIssueOfTheOtherCategory() throws Exception {
        final String sensorIssue = sensorIssue("sl-003", "streetlight", "SL-01");

        final JsonNode r = json(postJson("/api/reports", "{\"category\":\"SL-03\",\"lat\":\"30.2850\",\"lon\":"
                + "\"120.1560\",\"assetId\":\"sl-003\",\"text\":\"灯杆门开着\"}"));

        assertThat(r.path("issueId").asText()).isEqualTo(sensorIssue);
    }

    @Test
    void submit_thenSensorRaises_sensorMergesIntoTheResidentsIssue() throws Exception {
        final JsonNode r = json(postJson("/api/reports", report("SL-01", "30.271440", "120.156241", "dark")));

        final String sensorIssue = sensorIssue("sl-001", "streetlight", "SL-01");

        assertThat(sensorIssue).isEqualTo(r.path("issueId").asText());
    }

    @Test
    void follow_withToken_showsThePublicIssue_andTheTokenIsStoredHashed() throws Exception {
        final JsonNode r = json(postJson("/api/reports", report("WB-04", FAR_LAT, FAR_LON, "x")));
        final String token = r.path("followToken").asText();

        final JsonNode followed = json(get("/api/reports/" + token));

        assertThat(followed.path("issueId").asText()).isEqualTo(r.path("issueId").asText());
        assertThat(followed.path("issue").path("stateLabel").path("zh").asText()).isEqualTo("已派遣待签收");
        assertThat(get("/api/reports/" + token.substring(1) + "A").statusCode()).isEqualTo(404);
        assertThat(get("/api/reports/short").statusCode()).isEqualTo(404);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT follow_token_hash FROM resident_reports")) {
            rs.next();
            assertThat(rs.getString(1)).hasSize(64).doesNotContain(token);
        }
    }

    @Test
    void submit_withPhotoAsBase64_isStored() throws Exception {
        final String png = Base64.getEncoder().encodeToString(new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26});
        final HttpResponse<String> r = postJson("/api/reports", "{\"category\":\"WB-02\",\"lat\":30.2850,\"lon\":"
                + "120.1560,\"text\":\"倒了\",\"photo\":\"" + png + "\"}");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT photo_type, photo_moderated FROM resident_reports")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("image/png");
            assertThat(rs.getBoolean(2)).isFalse();
        }
    }

    @Test
    void submit_badFields_are400NamingTheField() throws Exception {
        assertRejected("{\"lat\":30.28,\"lon\":120.15,\"text\":\"t\"}", "category");
        assertRejected(report("XX-99", FAR_LAT, FAR_LON, "t"), "category");
        assertRejected(report("DV-01", FAR_LAT, FAR_LON, "t"), "category");
        assertRejected(report("SL-01", "95", FAR_LON, "t"), "lat");
        assertRejected(report("SL-01", FAR_LAT, "east", "t"), "lon");
        assertRejected(report("SL-01", FAR_LAT, FAR_LON, " "), "text");
        assertRejected("{\"category\":\"SL-01\",\"latitude\":30.2,\"lon\":120.1,\"text\":\"t\"}", "latitude");
        assertRejected("{\"category\":\"SL-01\",\"lat\":30.2,\"lon\":120.1,\"text\":\"t\",\"assetId\":\"wb-001\"}",
                "assetId");
        final String base = "{\"category\":\"SL-01\",\"lat\":30.2,\"lon\":120.1,\"text\":\"t\",";
        assertRejected(base + "\"photo\":\"bm90IGFuIGltYWdl\"}", "photo");
        assertRejected(base + "\"reporter\":{\"email\":\"x\"}}", "email");
        assertRejected("{\"category\":\"SL-01\",\"lat\":30.2,\"lon\":120.1,\"text\":\"t\",\"community\":\"mars\"}",
                "community");
        assertRejected("not json", "body");
        final String huge = "x".repeat(2001);
        assertRejected(report("SL-01", FAR_LAT, FAR_LON, huge), "text");
    }

    private void assertRejected(final String body, final String field) throws Exception {
        final HttpResponse<String> r = postJson("/api/reports", body);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(json(r).path("field").asText()).isEqualTo(field);
        assertThat(json(r).path("error").asText()).startsWith(field);
    }

    static String report(final String category, final String lat, final String lon, final String text) {
        return "{\"category\":\"" + category + "\",\"lat\":\"" + lat + "\",\"lon\":\"" + lon + "\",\"text\":\""
                + text + "\"}";
    }
}
