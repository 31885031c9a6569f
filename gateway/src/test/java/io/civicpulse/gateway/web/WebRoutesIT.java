// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.web;

import io.civicpulse.gateway.Gateway;
import io.civicpulse.gateway.testsupport.GatewayTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.civicpulse.gateway.testsupport.GatewayTestSupport.get;
import static org.assertj.core.api.Assertions.assertThat;

/** The web front end is served from the jar (no browser needed): pages, SPA fallback, assets, WebJars, settings. */
class WebRoutesIT {
    @TempDir
    static Path dataDir;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = GatewayTestSupport.startGateway(dataDir, Map.of());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void root_isThePublicPage() throws Exception {
        final GatewayTestSupport.Response r = get(gateway, "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("/assets/public.js").contains("id=\"report-form\"");
    }

    @Test
    void console_andAnyPathBelowIt_areTheConsolePage() throws Exception {
        for (final String path : new String[] {"/console", "/console/", "/console/issues/SQ-2026-000001",
            "/console/fleet"}) {
            final GatewayTestSupport.Response r = get(gateway, path);
            assertThat(r.status()).as(path).isEqualTo(200);
            assertThat(r.text()).as(path).contains("/assets/console.js");
        }
    }

    @Test
    void assetsAndWebJars_areServedFromTheJar() throws Exception {
        assertThat(get(gateway, "/assets/console.js").text()).contains("import");
        assertThat(get(gateway, "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js").status()).isEqualTo(200);
        assertThat(get(gateway, "/assets/no-such-file.js").status()).isEqualTo(404);
    }

    @Test
    void settings_giveTheCommunityTimeZoneAndPublicNamesOnly() throws Exception {
        final GatewayTestSupport.Response r = get(gateway, "/api/web/settings");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("zone").asText()).isEqualTo("Asia/Shanghai");
        assertThat(r.json().get("bodies").findValuesAsText("id")).contains("street-office", "residents-committee");
        assertThat(r.json().get("categories").findValuesAsText("code")).contains("WB-03", "GT-01");
        assertThat(r.text()).doesNotContain("passwordHash").doesNotContain("username");
    }

    @Test
    void apiIndex_movedToSlashApi() throws Exception {
        assertThat(get(gateway, "/api").json().get("service").asText()).isEqualTo("CivicPulse gateway");
    }
}
