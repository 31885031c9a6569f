// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.open311;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contract tests written from the GeoReport v2 spec (wiki.open311.org/GeoReport_v2) and its service discovery page:
 * required fields, both formats, XML declaration, datetimes with offset, error arrays, POST → GET round trip.
 */
class Open311ContractTest extends PublicApiFixture {

    @Test
    void discovery_bothFormats_listAV2EndpointWithXmlAndJson() throws Exception {
        final JsonNode d = json(get("/open311/v2/discovery.json"));
        assertThat(d.path("contact").asText()).isNotBlank();
        assertThat(d.path("key_service").asText()).isNotBlank();
        assertThat(OffsetDateTime.parse(d.path("changeset").asText())).isBefore(OffsetDateTime.now());
        final JsonNode endpoint = d.path("endpoints").get(0);
        assertThat(endpoint.path("specification").asText()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.path("formats").toString()).contains("text/xml", "application/json");

        final HttpResponse<String> xml = get("/open311/v2/discovery.xml");
        assertThat(xml.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(xml.body()).startsWith("<?xml").contains("encoding='UTF-8'", "<discovery>",
                "<endpoints><endpoint>", "<formats><format>text/xml</format><format>application/json</format>");
    }

    @Test
    void services_listReportableCategoriesOnly_withSpecFields() throws Exception {
        final JsonNode services = json(get("/open311/v2/services.json"));
        assertThat(services.isArray()).isTrue();
        assertThat(services.findValuesAsText("service_code")).contains("SL-01", "WB-01", "GT-01")
                .doesNotContain("SL-06", "GT-03", "GT-04", "DV-01", "DV-03", "DV-04", "DV-05");
        for (final JsonNode s : services) {
            assertThat(s.path("type").asText()).isEqualTo("realtime");
            assertThat(s.path("metadata").isBoolean()).isTrue();
            assertThat(s.path("service_name").asText()).isNotBlank();
            assertThat(s.path("group").asText()).isNotBlank();
        }
        assertThat(get("/open311/v2/services.xml").body()).contains("<services><service><service_code>");
    }

    @Test
    void serviceDefinition_known_hasAttributes_unknown_is404Error() throws Exception {
        final JsonNode def = json(get("/open311/v2/services/SL-01.json"));
        assertThat(def.path("service_code").asText()).isEqualTo("SL-01");
        final JsonNode attr = def.path("attributes").get(0);
        assertThat(attr.path("code").asText()).isEqualTo("asset");
        assertThat(attr.path("datatype").asText()).isEqualTo("string");
        assertThat(attr.path("required").isBoolean()).isTrue();
        assertThat(get("/open311/v2/services/SL-01.xml").body()).contains("<service_definition>",
                "<attributes><attribute>");

        final HttpResponse<String> missing = get("/open311/v2/services/SL-06.json");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get(0).path("code").asInt()).isEqualTo(404);
        assertThat(json(missing).get(0).path("description").asText()).contains("service_code");
    }

    @Test
    void postThenGet_roundTrip_inBothFormats() throws Exception {
        final HttpResponse<String> post = postForm("/open311/v2/requests.json", Map.of("service_code", "WB-02",
                "lat", "30.2850", "long", "120.1560", "description", "bin tipped over"));
        assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
        final JsonNode created = json(post).get(0);
        final String id = created.path("service_request_id").asText();
        assertThat(id).startsWith("SQ-");
        assertThat(created.path("service_notice").asText()).contains("3个工作日");

        final JsonNode one = json(get("/open311/v2/requests/" + id + ".json")).get(0);
        assertThat(one.path("service_request_id").asText()).isEqualTo(id);
        assertThat(one.path("status").asText()).isEqualTo("open");
        assertThat(one.path("service_code").asText()).isEqualTo("WB-02");
        assertThat(one.path("requested_datetime").asText()).endsWith("+08:00");
        assertThat(one.path("expected_datetime").asText()).endsWith("+08:00");
        assertThat(one.path("agency_responsible").asText()).contains("Chengjie Sanitation");

        final JsonNode list = json(get("/open311/v2/requests.json?service_code=WB-02&status=open"));
        assertThat(list.findValuesAsText("service_request_id")).contains(id);
        assertThat(json(get("/open311/v2/requests.json?status=closed")).findValuesAsText("service_request_id"))
                .doesNotContain(id);
        assertThat(get("/open311/v2/requests/" + id + ".xml").body()).startsWith("<?xml")
                .contains("<service_requests><request><service_request_id>" + id + "</service_request_id>");

        final String token = created.path("token").asText();
        final JsonNode byToken = json(get("/open311/v2/tokens/" + token + ".json")).get(0);
        assertThat(byToken.path("service_request_id").asText()).isEqualTo(id);
    }

    @Test
    void getRequests_includesSensorIssues_butNeverInternalOnes() throws Exception {
        final String lamp = sensorIssue("sl-010", "streetlight", "SL-01");
        final String battery = sensorIssue("sl-011", "streetlight", "DV-02");

        final JsonNode list = json(get("/open311/v2/requests.json"));

        assertThat(list.findValuesAsText("service_request_id")).contains(lamp).doesNotContain(battery);
        assertThat(get("/open311/v2/requests/" + battery + ".json").statusCode()).isEqualTo(404);
    }

    @Test
    void errors_areSpecArraysWithCodeAndDescription() throws Exception {
        assertError(get("/open311/v2/requests.json?start_date=yesterday"), 400, "start_date");
        assertError(get("/open311/v2/requests.json?status=pending"), 400, "status");
        assertError(get("/open311/v2/requests.json?service_code=ZZ-01"), 404, "service_code");
        assertError(get("/open311/v2/services.json?jurisdiction_id=atlantis"), 404, "jurisdiction_id");
        assertError(get("/open311/v2/requests/SQ-1999-000001.json"), 404, "service_request_id");
        assertError(get("/open311/v2/services"), 400, ".json or .xml");
        assertError(postForm("/open311/v2/requests.json", Map.of("lat", "30.2", "long", "120.1")), 400,
                "service_code");
        assertError(postForm("/open311/v2/requests.json", Map.of("service_code", "SL-01", "address_string",
                "1 Main St")), 400, "lat");
        assertError(postForm("/open311/v2/requests.json", Map.of("service_code", "SL-01", "lat", "30.2", "long",
                "200")), 400, "long");
        final HttpResponse<String> xml = get("/open311/v2/requests.xml?start_date=yesterday");
        assertThat(xml.statusCode()).isEqualTo(400);
        assertThat(xml.body()).startsWith("<?xml").contains("<errors><error><code>400</code><description>start_date");
    }

    private static void assertError(final HttpResponse<String> r, final int status, final String mentions)
            throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        final JsonNode e = json(r);
        assertThat(e.isArray()).as(r.body()).isTrue();
        assertThat(e.get(0).path("code").asInt()).isEqualTo(status);
        assertThat(e.get(0).path("description").asText()).contains(mentions);
    }
}
