// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.FleetScenario;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import io.civicpulse.gateway.testsupport.PahoV5Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public page on a gateway of its own, so the issues are exactly the ones this test opens: a gate held open
 * (GT-01, public but generalised) and a tamper alarm (GT-03, internal) for the property company, and a resident's
 * report of a damaged bin (WB-02) for the sanitation contractor; both crews accept and write internal notes. Then
 * the per-body KPI table shows the figures of GET /api/kpis, and neither the page nor the public JSON (public API and
 * Open311) shows a key outside the public projection or any internal text of these issues.
 */
class PublicPageBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String INTERNAL_NOTE = "内部备注 INTERNAL-7731";
    private static final String PUBLIC_NOTE = "已安排清理 / cleaning scheduled";
    private static final String REPORTER_NAME = "王小明 REPORTER-NAME";
    private static final String REPORTER_PHONE = "13800138000";
    private static final String REPORTER_EMAIL = "wang.xm@example.org";
    private static final String RESIDENT_WORDS = "RESIDENT-WORDS 3号楼门口的垃圾桶倒了";

    @TempDir
    static Path dataDir;
    private static Gateway gateway;
    private static String base;
    private static String gateHeldOpen;
    private static String gateTampered;
    private static String binReport;
    private static String followToken;
    private Browser browser;

    @BeforeAll
    static void start() throws Exception {
        final Map<String, String> overrides = new HashMap<>(FleetScenario.OVERRIDES);
        overrides.put("rules.gate.heldOpenFor", "1s");
        gateway = GatewayTestSupport.startGateway(dataDir, overrides);
        base = "http://127.0.0.1:" + gateway.httpAddress().getPort();
        final FleetScenario supervisor = FleetScenario.on(gateway);
        // the property company: a gate held open (GT-01) and a tamper alarm (GT-03, INTERNAL)
        final long now = System.currentTimeMillis();
        publish("gate-001", "{\"ts\":" + now + ",\"seq\":1,\"metrics\":{\"door_open\":1}}",
                "{\"ts\":" + (now + 1500) + ",\"seq\":2,\"metrics\":{\"door_open\":1}}");
        publish("gate-003", "{\"ts\":" + now + ",\"seq\":1,\"metrics\":{\"tamper\":1}}");
        await().atMost(Duration.ofSeconds(30)).until(() -> supervisor.openIssue("gate-001", "GT-01") != null
                && supervisor.openIssue("gate-003", "GT-03") != null);
        gateHeldOpen = supervisor.openIssue("gate-001", "GT-01");
        gateTampered = supervisor.openIssue("gate-003", "GT-03");
        // the sanitation contractor: a resident's report with personal details
        final JsonNode receipt = post("/api/reports", null, "{\"category\":\"WB-02\",\"text\":\"" + RESIDENT_WORDS
                + "\",\"lat\":\"30.273015\",\"lon\":\"120.153210\",\"reporter\":{\"name\":\"" + REPORTER_NAME
                + "\",\"phone\":\"" + REPORTER_PHONE + "\",\"email\":\"" + REPORTER_EMAIL + "\"}}");
        PublicKeys.assertOnly("POST /api/reports", receipt, PublicKeys.RECEIPT);
        binReport = receipt.get("issueId").asText();
        followToken = receipt.get("followToken").asText();
        // both crews accept; the property crew also resolves its gate
        final String property = signIn("property-crew", "property-demo");
        final String sanitation = signIn("sanitation-crew", "sanitation-demo");
        act(property, gateHeldOpen, "accept", "{}");
        act(property, gateHeldOpen, "resolve", "{\"note\":\"门禁已修复 / door closer replaced\",\"internalNote\":\""
                + INTERNAL_NOTE + "\"}");
        act(sanitation, binReport, "accept", "{}");
        act(sanitation, binReport, "note", "{\"note\":\"" + PUBLIC_NOTE + "\",\"internalNote\":\"" + INTERNAL_NOTE
                + "\"}");
        // the internal view does hold what the public must not see (else the checks below would prove nothing)
        assertThat(supervisor.get("/api/issues/" + gateHeldOpen).text()).contains(INTERNAL_NOTE, "gate-001");
        assertThat(supervisor.get("/api/issues/" + binReport).text()).contains(INTERNAL_NOTE);
        assertThat(supervisor.get("/api/issues/" + gateTampered).text()).contains("gate-003");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(base);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void kpiTable_showsTheRowsAndFiguresOfApiKpis() throws Exception {
        // when
        browser.go("/");
        browser.await(By.cssSelector("#kpi-rates tr[data-body='sanitation-contractor']"));
        final JsonNode kpis = get("/api/kpis");

        // then: one row per body of the report, and every figure as the API has it
        final List<WebElement> rows = browser.driver.findElements(By.cssSelector("#kpi-rates tbody tr"));
        assertThat(rows).extracting(r -> r.getAttribute("data-body"))
                .containsExactlyInAnyOrderElementsOf(kpis.get("bodies").findValuesAsText("bodyId"));
        for (final JsonNode body : kpis.get("bodies")) {
            final WebElement row = browser.driver.findElement(By.cssSelector("#kpi-rates tr[data-body='"
                    + body.get("bodyId").asText() + "']"));
            for (final var figure : body.get("overall").properties()) {
                assertThat(cell(row, figure.getKey())).as(body.get("bodyId") + " " + figure.getKey())
                        .isEqualTo(shown(figure.getKey(), figure.getValue()));
            }
        }
        // and the figures are the ones this test made: the property company accepted and resolved its gate on time
        // (its tamper alarm is INTERNAL, so the public counts leave it out); the contractor accepted its one
        // assignment
        final WebElement property = browser.driver.findElement(By.cssSelector("#kpi-rates tr[data-body="
                + "'property-company']"));
        assertThat(List.of(cell(property, "assignments"), cell(property, "onTimeAcceptanceRate"),
                cell(property, "ledIssues"), cell(property, "resolved"), cell(property, "onTimeResolutionRate"),
                cell(property, "overdue"))).containsExactly("1", "100 %", "1", "1", "100 %", "0");
        final WebElement contractor = browser.driver.findElement(By.cssSelector("#kpi-rates tr[data-body="
                + "'sanitation-contractor']"));
        assertThat(List.of(cell(contractor, "assignments"), cell(contractor, "onTimeAcceptanceRate"),
                cell(contractor, "ledIssues"), cell(contractor, "resolved"), cell(contractor, "onTimeResolutionRate")))
                .containsExactly("1", "100 %", "1", "0", "");
        assertThat(cell(property, "body")).isEqualTo(publicName("property-company"));
    }

    @Test
    void publicJson_hasOnlyPublicProjectionKeys_andNoInternalText() throws Exception {
        final List<String> internal = List.of(INTERNAL_NOTE, "property-crew", "sanitation-crew", REPORTER_NAME,
                REPORTER_PHONE, REPORTER_EMAIL, RESIDENT_WORDS, "gate-001", "gate-003", gateTampered);
        final Map<String, java.util.Set<String>> issueEndpoints = new java.util.LinkedHashMap<>();
        issueEndpoints.put("/api/public/issues", PublicKeys.PUBLIC_ISSUE);
        issueEndpoints.put("/api/public/issues/" + gateHeldOpen, PublicKeys.PUBLIC_ISSUE);
        issueEndpoints.put("/api/public/issues/" + binReport, PublicKeys.PUBLIC_ISSUE);
        issueEndpoints.put("/api/reports/" + followToken, PublicKeys.FOLLOW);
        issueEndpoints.put("/open311/v2/requests.json?jurisdiction_id=lakeside", PublicKeys.OPEN311_REQUEST);
        issueEndpoints.put("/open311/v2/requests/" + gateHeldOpen + ".json?jurisdiction_id=lakeside",
                PublicKeys.OPEN311_REQUEST);
        issueEndpoints.put("/open311/v2/requests/" + binReport + ".json?jurisdiction_id=lakeside",
                PublicKeys.OPEN311_REQUEST);
        issueEndpoints.put("/api/kpis", PublicKeys.KPIS);
        for (final var e : issueEndpoints.entrySet()) {
            final JsonNode json = get(e.getKey());
            PublicKeys.assertOnly(e.getKey(), json, e.getValue());
            assertThat(json.toString()).as(e.getKey()).doesNotContain(internal);
        }
        // the internal issue is not public at all, and the lists do show the two public ones
        assertThat(get("/api/public/issues").findValuesAsText("id")).contains(gateHeldOpen, binReport)
                .doesNotContain(gateTampered);
        // the documents the page and Open311 clients read beside the issues: names, positions, services
        PublicKeys.assertOnly("/api/web/settings", get("/api/web/settings"), PublicKeys.SETTINGS);
        PublicKeys.assertOnly("/api/devices", get("/api/devices"), PublicKeys.DEVICES);
        for (final String doc : List.of("/open311/v2/discovery.json", "/open311/v2/services.json?jurisdiction_id="
                + "lakeside", "/open311/v2/services/WB-02.json?jurisdiction_id=lakeside")) {
            PublicKeys.assertOnly(doc, get(doc), PublicKeys.OPEN311_DOCUMENTS);
        }
    }

    @Test
    void publicPage_rendersNoInternalTextOfTheseIssues() throws Exception {
        // when: the page is loaded and both public issues are opened
        browser.go("/");
        browser.await(By.cssSelector("#public-issues tr[data-id='" + binReport + "']"));
        browser.await(By.cssSelector("#public-issues tr[data-id='" + gateHeldOpen + "']"));
        browser.driver.findElement(By.cssSelector("a[data-issue='" + gateHeldOpen + "']")).click();
        browser.waitUntil(d -> d.findElement(By.id("detail")).getText().contains(gateHeldOpen));
        final String gateDetail = browser.driver.findElement(By.id("detail")).getText();
        browser.driver.findElement(By.cssSelector("a[data-issue='" + binReport + "']")).click();
        browser.waitUntil(d -> d.findElement(By.id("detail")).getText().contains(binReport));

        // then: the public note is there (the check can see rendered text) ...
        assertThat(browser.driver.findElement(By.id("detail")).getText()).contains(PUBLIC_NOTE);
        assertThat(gateDetail).contains(publicName("property-company"));
        // ... and nothing internal: no internal note, no crew user, no reporter detail or words, no device id of
        // the generalised or the internal gate issue, not even the internal issue's id
        final String dom = (String) ((JavascriptExecutor) browser.driver).executeScript(
                "return document.documentElement.outerHTML + document.body.innerText;");
        assertThat(dom).doesNotContain(INTERNAL_NOTE, "property-crew", "sanitation-crew", REPORTER_NAME,
                REPORTER_PHONE, REPORTER_EMAIL, RESIDENT_WORDS, "gate-001", "gate-003", gateTampered);
        assertThat(gateDetail).doesNotContain("gate-001");
    }

    private static String cell(final WebElement row, final String col) {
        return row.findElement(By.cssSelector("td[data-col='" + col + "']")).getText().trim();
    }

    /** How the page's KPI table shows a figure (supervision.js cell()). */
    private static String shown(final String col, final JsonNode v) {
        if (v.isNull()) {
            return "";
        }
        if (v.isNumber() && col.endsWith("Rate")) {
            return Math.round(v.asDouble() * 100) + " %";
        }
        if (v.isNumber()) {
            return v.isIntegralNumber() || v.asDouble() == Math.rint(v.asDouble()) ? String.valueOf(v.asLong())
                    : String.format(java.util.Locale.ROOT, "%.1f", v.asDouble());
        }
        return v.asText();
    }

    private static String publicName(final String bodyId) throws Exception {
        for (final JsonNode b : get("/api/web/settings").get("bodies")) {
            if (bodyId.equals(b.get("id").asText())) {
                return b.get("zh").asText();
            }
        }
        throw new AssertionError("no body " + bodyId);
    }

    private static JsonNode get(final String path) throws Exception {
        final HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    private static JsonNode post(final String path, final String token, final String json) throws Exception {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        final HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    private static String signIn(final String user, final String password) throws Exception {
        return post("/api/auth/token", null, "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")
                .get("token").asText();
    }

    private static void act(final String token, final String issue, final String action, final String body)
            throws Exception {
        post("/api/issues/" + issue + "/actions/" + action, token, body);
    }

    private static void publish(final String device, final String... payloads) throws Exception {
        try (PahoV5Client c = PahoV5Client.connect(GatewayTestSupport.mqttUri(gateway), device, o -> {
            o.setUserName(device);
            o.setPassword(GatewayTestSupport.secret(device).getBytes(StandardCharsets.UTF_8));
        })) {
            for (final String p : payloads) {
                c.publish("cp/" + GatewayTestSupport.COMMUNITY + "/gate/" + device + "/telemetry", p, 1, false);
            }
        }
    }
}
