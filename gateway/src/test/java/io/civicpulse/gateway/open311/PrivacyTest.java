// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * GOVERNANCE.md §2.7: no personal field — reporter name, phone, e-mail, report text, exact home location, device ids,
 * staff or user ids — and no gate detail before closing appears in any public or Open311 payload, JSON or XML.
 * Every payload a member of the public can fetch is scanned as text.
 */
class PrivacyTest extends PublicApiFixture {
    private static final String NAME = "Wang Xiaoming";
    private static final String PHONE = "+86 138 0013 8000";
    private static final String EMAIL = "wang.xm@example.cn";
    private static final String TEXT = "outside my flat 5-301";
    /** An exact position near a home, with more digits than any public view keeps. */
    private static final String LAT = "30.284567";
    private static final String LON = "120.156789";

    @Test
    void publicAndOpen311Payloads_containNoPersonalField() throws Exception {
        final JsonNode api = json(postJson("/api/reports", "{\"category\":\"WB-04\",\"lat\":" + LAT + ",\"lon\":" + LON
                + ",\"text\":\"" + TEXT + "\",\"reporter\":{\"name\":\"" + NAME + "\",\"phone\":\"" + PHONE
                + "\",\"email\":\"" + EMAIL + "\"}}"));
        final JsonNode o311 = json(postForm("/open311/v2/requests.xml".replace(".xml", ".json"), Map.of(
                "service_code", "WB-02", "lat", "30.284111", "long", "120.156222", "description", TEXT,
                "first_name", "Wang", "last_name", "Xiaoming", "phone", PHONE, "email", EMAIL))).get(0);
        final String lampIssue = sensorIssue("sl-020", "streetlight", "SL-01");

        final List<String> payloads = payloads(List.of(api.path("issueId").asText(),
                o311.path("service_request_id").asText(), lampIssue));
        payloads.add(get("/api/reports/" + api.path("followToken").asText()).body());
        payloads.add(get("/open311/v2/tokens/" + o311.path("token").asText() + ".xml").body());

        for (final String p : payloads) {
            assertThat(p).doesNotContain(NAME, "Xiaoming", PHONE, "13800138000", EMAIL, TEXT, LAT, LON, "30.284111",
                    "120.156222", "sl-020", "RR-", "rule-test", "internalNote", "test evidence");
        }
        // The rounded public position (3 decimals, ≈ 110 m) is what is shown instead.
        assertThat(get("/api/public/issues/" + api.path("issueId").asText()).body()).contains("30.285", "120.157");
    }

    @Test
    void heldOpenGate_isGeneralisedUntilClosed_inEveryPayload() throws Exception {
        final String gateIssue = sensorIssue("gate-001", "gate", "GT-01");

        for (final String p : payloads(List.of(gateIssue))) {
            assertThat(p).doesNotContain("gate-001", "Gate held", "门禁常开", "30.275607", "120.150481", "30.276",
                    "120.15", "west");
        }
        final JsonNode view = json(get("/api/public/issues/" + gateIssue));
        assertThat(view.path("generalised").asBoolean()).isTrue();
        assertThat(view.path("categoryName").path("zh").asText()).isEqualTo("小区门禁设施故障");
        assertThat(view.path("location").path("precision").asText()).isEqualTo("withheld");
    }

    /** Every public and Open311 read of these issues, in JSON and XML. */
    private List<String> payloads(final List<String> ids) throws Exception {
        final List<String> out = new ArrayList<>();
        out.add(get("/api/public/issues").body());
        for (final String fmt : List.of("json", "xml")) {
            out.add(get("/open311/v2/requests." + fmt).body());
            out.add(get("/open311/v2/requests." + fmt + "?service_request_id=" + String.join(",", ids)).body());
            for (final String id : ids) {
                out.add(get("/open311/v2/requests/" + id + "." + fmt).body());
            }
        }
        for (final String id : ids) {
            out.add(get("/api/public/issues/" + id).body());
        }
        assertThat(out).allSatisfy(p -> assertThat(p).isNotBlank());
        return out;
    }
}
